/** How deep an input may nest; the deepest schema (rich commentary) needs 7 levels. */
export const MAX_INPUT_DEPTH = 32;

/**
 * True when `value` is plain data: null, booleans, numbers, strings, undefined, arrays and plain
 * objects (no Dates, Maps, Sets, typed arrays, BigInts or class instances, which a structured clone
 * can carry over IPC and which zod would read as an empty object), no own `__proto__` key, no cycles,
 * and at most MAX_INPUT_DEPTH levels deep. The door refuses anything else before any schema sees it.
 */
export function isPlainData(value: unknown): boolean {
  return check(value, 0, new Set());
}

function check(value: unknown, depth: number, path: Set<object>): boolean {
  if (value === null || value === undefined) return true;
  switch (typeof value) {
    case 'boolean':
    case 'number':
    case 'string':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (depth >= MAX_INPUT_DEPTH || path.has(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  const isArray = Array.isArray(value);
  if (isArray ? prototype !== Array.prototype : prototype !== Object.prototype && prototype !== null)
    return false;
  if (Object.prototype.hasOwnProperty.call(value, '__proto__')) return false;
  path.add(value);
  const children: unknown[] = isArray ? (value as unknown[]) : Object.values(value);
  for (let index = 0; index < children.length; index += 1) {
    if (!check(children[index], depth + 1, path)) return false;
  }
  path.delete(value);
  return true;
}
