/**
 * Pure list operations behind a collection's order. A collection holds each excerpt once; its
 * positions are always the indexes of this list (dense, 0..n-1).
 */

/** Inserts the ids not already present at `index` (clamped; default the end), in the given order. */
export function orderAfterAdd(current: readonly string[], ids: readonly string[], index?: number): string[] {
  const present = new Set(current);
  const added: string[] = [];
  for (const id of ids) {
    if (present.has(id)) continue;
    present.add(id);
    added.push(id);
  }
  const at = index === undefined ? current.length : Math.max(0, Math.min(index, current.length));
  return [...current.slice(0, at), ...added, ...current.slice(at)];
}

export function orderAfterRemove(current: readonly string[], ids: readonly string[]): string[] {
  const removed = new Set(ids);
  return current.filter((id) => !removed.has(id));
}

/** Moves `id` so that it ends at `toIndex` (clamped to the last index). `id` must be present. */
export function orderAfterMove(current: readonly string[], id: string, toIndex: number): string[] {
  const rest = current.filter((other) => other !== id);
  const at = Math.max(0, Math.min(toIndex, rest.length));
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

/**
 * What to write to turn the stored items `before` into the order `after`: positions are compared
 * with what is stored, so any gap left by an older version is closed too.
 */
export function orderChanges(
  before: readonly Readonly<{ excerptId: string; position: number }>[],
  after: readonly string[],
): {
  removed: string[];
  inserted: { excerptId: string; position: number }[];
  moved: { excerptId: string; position: number }[];
} {
  const oldPositions = new Map(before.map((item) => [item.excerptId, item.position]));
  const kept = new Set(after);
  const inserted: { excerptId: string; position: number }[] = [];
  const moved: { excerptId: string; position: number }[] = [];
  after.forEach((excerptId, position) => {
    const old = oldPositions.get(excerptId);
    if (old === undefined) inserted.push({ excerptId, position });
    else if (old !== position) moved.push({ excerptId, position });
  });
  return {
    removed: before.map((item) => item.excerptId).filter((id) => !kept.has(id)),
    inserted,
    moved,
  };
}
