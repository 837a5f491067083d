import type { DocumentFormat } from '../../../shared/dto';
import type { Importer } from '../imported-document';
import { importHtml } from './html';
import { importMarkdown } from './markdown';
import { importPlainText } from './plaintext';

const IMPORTERS: Readonly<Record<string, { format: DocumentFormat; importer: Importer }>> = {
  '.md': { format: 'md', importer: importMarkdown },
  '.markdown': { format: 'md', importer: importMarkdown },
  '.txt': { format: 'txt', importer: importPlainText },
  '.html': { format: 'html', importer: importHtml },
  '.htm': { format: 'html', importer: importHtml },
};

export const SUPPORTED_EXTENSIONS = Object.keys(IMPORTERS);

export function importerForExtension(extension: string): Importer | undefined {
  return IMPORTERS[extension.toLowerCase()]?.importer;
}
