import type { AckResult, Op } from './protocol';

/**
 * What the library must hold after the changes the worker acknowledged: the harness's own
 * bookkeeping, built from acknowledgements only, and adjusted after each kill to whatever the one
 * change in flight turned out to be.
 */
export type Model = {
  documents: Map<string, string>;
  excerpts: Map<string, { note: string; tags: string[] }>;
  briefings: Map<string, { title: string; bluf: string }>;
  sections: Map<string, string>;
  items: Map<
    string,
    { briefingId: string; sectionId: string; kind: 'commentary' | 'excerpt'; text: string | null }
  >;
  removedItems: Set<string>;
  exports: Map<string, { briefingId: string }>;
  /**
   * Exports found, at the last check, whole under their temporary name with their version saved (a
   * kill between saving the version and the rename): the next start must rename them into place.
   */
  pendingExports: Set<string>;
};

export function emptyModel(): Model {
  return {
    documents: new Map(),
    excerpts: new Map(),
    briefings: new Map(),
    sections: new Map(),
    items: new Map(),
    removedItems: new Set(),
    exports: new Map(),
    pendingExports: new Set(),
  };
}

function required<T>(value: T | undefined, what: string, op: Op): T {
  if (value === undefined) throw new Error(`acknowledgement of ${op.kind} ${op.id} without ${what}`);
  return value;
}

/** Records one acknowledged change. */
export function applyAck(model: Model, op: Op, result: AckResult): void {
  switch (op.kind) {
    case 'import':
      model.documents.set(required(result.documentId, 'documentId', op), op.marker);
      return;
    case 'createExcerpt':
      model.excerpts.set(required(result.excerptId, 'excerptId', op), { note: '', tags: [] });
      return;
    case 'updateExcerpt':
      model.excerpts.set(op.excerptId, { note: op.note, tags: [...op.tags].sort() });
      return;
    case 'createBriefing': {
      const briefingId = required(result.briefingId, 'briefingId', op);
      model.briefings.set(briefingId, { title: op.title, bluf: '' });
      for (const sectionId of result.sectionIds ?? []) model.sections.set(sectionId, briefingId);
      return;
    }
    case 'addSection':
      model.sections.set(required(result.sectionId, 'sectionId', op), op.briefingId);
      return;
    case 'addCommentary':
    case 'addExcerptItem':
      model.items.set(required(result.itemId, 'itemId', op), {
        briefingId: op.briefingId,
        sectionId: op.sectionId,
        kind: op.kind === 'addCommentary' ? 'commentary' : 'excerpt',
        text: op.kind === 'addCommentary' ? op.text : null,
      });
      return;
    case 'updateCommentary': {
      const item = model.items.get(op.itemId);
      if (item !== undefined) item.text = op.text;
      return;
    }
    case 'moveItem': {
      const item = model.items.get(op.itemId);
      if (item !== undefined) item.sectionId = op.toSectionId;
      return;
    }
    case 'removeItem':
      model.items.delete(op.itemId);
      model.removedItems.add(op.itemId);
      return;
    case 'updateBriefing':
      model.briefings.set(op.briefingId, { title: op.title, bluf: op.bluf });
      return;
    case 'export':
      if (result.path !== undefined) model.exports.set(result.path, { briefingId: op.briefingId });
      return;
  }
}
