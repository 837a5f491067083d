import { randomBytes } from 'node:crypto';

/** A short random id with a readable prefix, e.g. `doc_3f9a0c1be2d47a58` (64 random bits). */
export function newId(
  prefix: 'doc' | 'exc' | 'brf' | 'sec' | 'itm' | 'col' | 'exp' | 'imp' | 'srch' | 'ver',
): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}
