import { z } from 'zod';
import { API_INPUT_SCHEMAS } from '../../shared/schemas';
import type { ApiMethod } from '../../shared/methods';

/**
 * Payload generators for fuzzing the IPC door. Everything generated is a value the structured clone
 * of an IPC message can carry (no functions or symbols), built from a seeded PRNG so that a failure
 * repeats with its seed.
 */
export type Rng = () => number;

/** The subset of JSON Schema that zod's toJSONSchema writes for the API's input schemas. */
export type JsonSchema = Readonly<{
  type?: string | readonly string[];
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  enum?: readonly unknown[];
  const?: unknown;
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  $ref?: string;
  $defs?: Readonly<Record<string, JsonSchema>>;
}>;

export function inputJsonSchema(method: ApiMethod): JsonSchema {
  return z.toJSONSchema(API_INPUT_SCHEMAS[method], { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const chance = (rng: Rng, p: number) => rng() < p;

/** Strings a valid sample may use, first the ones refinements want (safe links, ISO dates). */
const SAMPLE_STRINGS = [
  'id-1',
  '2026-01-02',
  'https://example.org/report',
  'A title',
  'a',
  'x'.repeat(12),
  // A backup's id (its file name in the backups folder) is the one string with a fixed pattern.
  'backup-20261128T061500123Z-v7-scheduled.sqlite',
];

function resolveRef(root: JsonSchema, schema: JsonSchema): JsonSchema {
  if (schema.$ref === undefined) return schema;
  const name = schema.$ref.replace(/^#\/\$defs\//, '');
  const target = root.$defs?.[name];
  if (target === undefined) throw new Error(`unresolved ${schema.$ref}`);
  return target;
}

function typesOf(schema: JsonSchema): readonly string[] {
  if (schema.type === undefined) return [];
  return typeof schema.type === 'string' ? [schema.type] : schema.type;
}

/**
 * A value the schema accepts, as far as JSON Schema can say (refinements are not in it; the caller
 * checks the result against the zod schema and tries again).
 */
export function sampleOf(root: JsonSchema, rng: Rng, schemaIn: JsonSchema = root): unknown {
  const schema = resolveRef(root, schemaIn);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum !== undefined) return pick(rng, schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives !== undefined) return sampleOf(root, rng, pick(rng, alternatives));
  const type = typesOf(schema)[0];
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      const required = new Set(schema.required ?? []);
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        if (required.has(key) || chance(rng, 0.5)) value[key] = sampleOf(root, rng, property);
      }
      return value;
    }
    case 'array': {
      const length = Math.max(schema.minItems ?? 0, chance(rng, 0.5) ? 1 : 0);
      return Array.from({ length }, () =>
        schema.items === undefined ? null : sampleOf(root, rng, schema.items),
      );
    }
    case 'string': {
      const fits = SAMPLE_STRINGS.filter(
        (text) =>
          text.length >= (schema.minLength ?? 0) &&
          text.length <= (schema.maxLength ?? Infinity) &&
          (schema.pattern === undefined || new RegExp(schema.pattern, 'u').test(text)),
      );
      return fits.length === 0 ? 'a'.repeat(schema.minLength ?? 1) : pick(rng, fits.slice(0, 2));
    }
    case 'integer':
    case 'number': {
      const low = schema.minimum ?? 0;
      const high = Math.min(schema.maximum ?? low + 10, low + 10);
      return low + Math.floor(rng() * (high - low + 1));
    }
    case 'boolean':
      return chance(rng, 0.5);
    case 'null':
      return null;
    default:
      return {};
  }
}

/** A valid input for `method`, checked against its zod schema; throws when none can be made. */
export function validInput(method: ApiMethod, root: JsonSchema, rng: Rng): Record<string, unknown> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const value = sampleOf(root, rng);
    if (API_INPUT_SCHEMAS[method].safeParse(value).success) return value as Record<string, unknown>;
  }
  throw new Error(`could not generate a valid input for ${method}`);
}

/** A flat string of `length` copies of `char` (String#repeat builds a rope that every read re-flattens). */
function flat(char: string, length: number): string {
  return Buffer.alloc(length, char).toString('latin1');
}
const HUGE = flat('A', 1_000_000);
const HUGE_KEY = flat('k', 100_000);

/** Nested `depth` levels deep, built without recursion. */
function nested(depth: number, asArray: boolean): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) value = asArray ? [value] : { a: value };
  return value;
}
const DEEP_ARRAY = nested(10_000, true);
const DEEP_OBJECT = nested(10_000, false);

/** Keys that trip naive object handling: prototype pollution and shadowed methods. */
export const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'then',
  '',
  ' ',
  '\u0000',
  'documentId ',
  HUGE_KEY,
];

/** Sets `key` as an own property, even `__proto__` (as JSON.parse and structured clone do). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function randomString(rng: Rng): string {
  switch (Math.floor(rng() * 9)) {
    case 0:
      return '';
    case 1:
      return HUGE;
    case 2:
      return '\u0000\u0001\u001f\u007f';
    case 3:
      return '../../../../etc/passwd';
    case 4:
      return '\ud800 lone surrogate \udfff';
    case 5:
      return pick(rng, HOSTILE_KEYS.slice(0, 8));
    case 6:
      return "'; DROP TABLE documents; --";
    case 7:
      return 'العربية 😀 e\u0301';
    default:
      return Math.floor(rng() * 1e9).toString(36);
  }
}

function randomNumber(rng: Rng): number {
  return pick(rng, [
    0,
    -0,
    1,
    -1,
    0.5,
    1e308,
    -1e308,
    NaN,
    Infinity,
    -Infinity,
    2 ** 53,
    -(2 ** 31),
    100_001,
  ]);
}

/** An array with holes, as a structured clone keeps them. */
function sparse(): unknown[] {
  const holes: unknown[] = [];
  holes[1] = 1;
  holes[3] = 2;
  return holes;
}

/** Any value a structured clone can carry: JSON values, and Dates, Maps, Sets, bytes, BigInts, cycles. */
export function randomValue(rng: Rng, depth = 0): unknown {
  const leaf = depth > 3;
  switch (Math.floor(rng() * (leaf ? 6 : 16))) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return chance(rng, 0.5);
    case 3:
      return randomNumber(rng);
    case 4:
    case 5:
      return randomString(rng);
    case 6:
    case 7:
      return Array.from({ length: Math.floor(rng() * 4) }, () => randomValue(rng, depth + 1));
    case 8:
    case 9:
      return randomObject(rng, depth + 1);
    case 10:
      return new Date(Math.floor(rng() * 2e12));
    case 11:
      return new Map([[randomString(rng), randomValue(rng, depth + 1)]]);
    case 12:
      return new Set([randomValue(rng, depth + 1)]);
    case 13:
      return pick(rng, [new Uint8Array([1, 2, 3]), BigInt(2) ** BigInt(70), new ArrayBuffer(4), sparse()]);
    case 14: {
      const cycle: Record<string, unknown> = { name: 'cycle' };
      cycle['self'] = cycle;
      return cycle;
    }
    default:
      return pick(rng, [DEEP_ARRAY, DEEP_OBJECT]);
  }
}

export function randomObject(rng: Rng, depth = 0): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  const count = Math.floor(rng() * 4);
  for (let index = 0; index < count; index += 1) {
    const key = chance(rng, 0.4) ? pick(rng, HOSTILE_KEYS) : randomString(rng).slice(0, 40);
    setOwn(value, key, randomValue(rng, depth + 1));
  }
  return value;
}

export type PayloadKind =
  | 'valid'
  | 'random'
  | 'random-object'
  | 'top-level-not-object'
  | 'extra-key'
  | 'hostile-key'
  | 'missing-required'
  | 'wrong-type'
  | 'too-long-string'
  | 'deep-nesting'
  | 'untrusted-sender';

/**
 * Kinds that no strict, capped schema may accept, whatever the method: the door must refuse them
 * without asking core (a `.passthrough()`, a missing `.max()` or a field typed `unknown` shows up
 * here as a failure).
 */
export const ALWAYS_REFUSED: ReadonlySet<PayloadKind> = new Set([
  'top-level-not-object',
  'extra-key',
  'hostile-key',
  'missing-required',
  'too-long-string',
  'deep-nesting',
  'untrusted-sender',
]);

export type Payload = Readonly<{ kind: PayloadKind; input: unknown }>;

const KINDS: readonly PayloadKind[] = [
  'valid',
  'valid',
  'random',
  'random',
  'random-object',
  'top-level-not-object',
  'extra-key',
  'hostile-key',
  'missing-required',
  'wrong-type',
  'wrong-type',
  'too-long-string',
  'deep-nesting',
  'untrusted-sender',
];

/** Strings longer than a field allows, made once per length (some caps are tens of millions). */
const tooLong = new Map<number, string>();
function longerThan(max: number): string {
  let text = tooLong.get(max);
  if (text === undefined) {
    text = flat('a', max + 1);
    tooLong.set(max, text);
  }
  return text;
}

/** Names of the properties of the top-level object schema whose type is a capped string. */
function cappedStringFields(root: JsonSchema): [string, number][] {
  return Object.entries(root.properties ?? {}).flatMap(([key, property]) => {
    const options = property.anyOf ?? property.oneOf ?? [property];
    const strings = options.filter(
      (option) => typesOf(option).includes('string') && option.maxLength !== undefined,
    );
    const caps = strings.map((option) => option.maxLength ?? 0);
    return caps.length === 0 ? [] : [[key, Math.max(...caps)] as [string, number]];
  });
}

export function makePayload(method: ApiMethod, root: JsonSchema, rng: Rng): Payload {
  let kind = pick(rng, KINDS);
  const valid = () => validInput(method, root, rng);
  const keys = Object.keys(root.properties ?? {});
  const required = root.required ?? [];
  if (kind === 'missing-required' && required.length === 0) kind = 'extra-key';
  if (kind === 'too-long-string' && cappedStringFields(root).length === 0) kind = 'extra-key';
  if ((kind === 'wrong-type' || kind === 'deep-nesting') && keys.length === 0) kind = 'extra-key';
  switch (kind) {
    case 'valid':
    case 'untrusted-sender':
      return { kind, input: valid() };
    case 'random':
      return { kind, input: randomValue(rng) };
    case 'random-object':
      return { kind, input: randomObject(rng) };
    case 'top-level-not-object':
      return {
        kind,
        input: pick<unknown>(rng, [
          [],
          [valid()],
          'listDocuments',
          HUGE,
          0,
          NaN,
          true,
          false,
          new Date(0),
          new Map(Object.entries(valid())),
          new Set([1]),
          new Uint8Array(8),
          BigInt(1),
          DEEP_ARRAY,
        ]),
      };
    case 'extra-key': {
      const input = valid();
      let key = randomString(rng).slice(0, 40);
      while (key in input || key === '__proto__') key = `${key}x`;
      setOwn(input, key, randomValue(rng));
      return { kind, input };
    }
    case 'hostile-key': {
      const input = valid();
      const key = pick(rng, HOSTILE_KEYS);
      setOwn(input, key, chance(rng, 0.5) ? { polluted: true, isAdmin: true } : randomValue(rng));
      return { kind, input };
    }
    case 'missing-required': {
      const input = valid();
      delete input[pick(rng, required)];
      return { kind, input };
    }
    case 'wrong-type': {
      const input = valid();
      input[pick(rng, keys)] = randomValue(rng);
      return { kind, input };
    }
    case 'too-long-string': {
      const input = valid();
      const [key, max] = pick(rng, cappedStringFields(root));
      input[key] = longerThan(max);
      return { kind, input };
    }
    case 'deep-nesting': {
      const input = valid();
      input[pick(rng, keys)] = pick(rng, [DEEP_ARRAY, DEEP_OBJECT]);
      return { kind, input };
    }
  }
}
