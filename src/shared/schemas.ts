import { z } from 'zod';
import type { ApiInput } from './api';
import type { ApiMethod } from './methods';

const id = z.string().min(1).max(200);
const offset = z.number().int().min(0).max(100_000_000);
const empty = z.object({}).strict();

/**
 * One strict schema per method's input. Strings and numbers are capped so that no payload can make
 * core allocate without bound.
 */
export const API_INPUT_SCHEMAS = {
  listDocuments: empty,
  getDocument: z.object({ documentId: id }).strict(),
  createExcerpt: z
    .object({
      documentId: id,
      start: offset,
      end: offset,
      note: z.string().max(20_000).optional(),
    })
    .strict(),
  listExcerpts: z.object({ documentId: id.optional() }).strict(),
  deleteExcerpt: z.object({ excerptId: id }).strict(),
  listBriefings: empty,
  createBriefing: z.object({ title: z.string().trim().min(1).max(500) }).strict(),
  getBriefing: z.object({ briefingId: id }).strict(),
  addExcerptToBriefing: z
    .object({
      briefingId: id,
      excerptId: id,
      sectionId: id.optional(),
      index: z.number().int().min(0).max(100_000).optional(),
    })
    .strict(),
  exportBriefingPdf: z.object({ briefingId: id }).strict(),
  revealExport: z.object({ exportId: id }).strict(),
} as const satisfies Record<ApiMethod, z.ZodType>;

/** Compile-time proof that every schema accepts exactly what the method's type declares. */
type SchemaMatchesApi = {
  [M in ApiMethod]: z.output<(typeof API_INPUT_SCHEMAS)[M]> extends ApiInput<M>
    ? ApiInput<M> extends z.output<(typeof API_INPUT_SCHEMAS)[M]>
      ? true
      : M
    : M;
};
export const SCHEMAS_MATCH_API: SchemaMatchesApi[ApiMethod] = true;
