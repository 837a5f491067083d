import type { DocumentFormat } from '../../../shared/dto';
import type { Importer } from '../imported-document';
import { importDocx } from './docx';
import { importHtml } from './html';
import { importMarkdown } from './markdown';
import { importPdf } from './pdf';
import { importPlainText } from './plaintext';

const IMPORTERS: Readonly<Record<string, { format: DocumentFormat; importer: Importer }>> = {
  '.md': { format: 'md', importer: importMarkdown },
  '.markdown': { format: 'md', importer: importMarkdown },
  '.txt': { format: 'txt', importer: importPlainText },
  '.html': { format: 'html', importer: importHtml },
  '.htm': { format: 'html', importer: importHtml },
  '.docx': { format: 'docx', importer: importDocx },
  '.pdf': { format: 'pdf', importer: importPdf },
};

export const SUPPORTED_EXTENSIONS = Object.keys(IMPORTERS);

export function importerForExtension(extension: string): Importer | undefined {
  return IMPORTERS[extension.toLowerCase()]?.importer;
}
