import type { BriefingApi } from '../../shared/api';
import type { DocumentDetail } from '../../shared/dto';

/** Imports `markdown` as the file `name` through the API and answers the stored document. */
export async function importMarkdown(
  handlers: Pick<BriefingApi, 'importFileBytes' | 'getDocument'>,
  name: string,
  markdown: string,
): Promise<DocumentDetail> {
  const outcome = await handlers.importFileBytes({
    name,
    dataBase64: Buffer.from(markdown).toString('base64'),
  });
  if (outcome.documentId === null) throw new Error(outcome.error ?? 'import failed');
  return handlers.getDocument({ documentId: outcome.documentId });
}
