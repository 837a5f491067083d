import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import type { BriefingApi } from '../shared/api';
import { API_METHODS } from '../shared/methods';
import { API_INPUT_SCHEMAS } from '../shared/schemas';
import { seededRandom } from '../shared/testing/random';
import { MAX_INPUT_DEPTH } from '../core/api/plain-data';
import { CoreError } from '../core/errors';
import { handleApiCall } from './ipc';
import { ALWAYS_REFUSED, inputJsonSchema, makePayload, type PayloadKind } from './testing/payloads';

/** Payloads per API method; IPC_FUZZ_PAYLOADS raises it for a longer run. */
const PER_METHOD = Number(process.env['IPC_FUZZ_PAYLOADS'] ?? 10_000);
const SEED = Number(process.env['IPC_FUZZ_SEED'] ?? 20261127);

const mainFrame = { url: 'app://main/index.html' };
const trusted = { senderFrame: mainFrame, sender: { mainFrame } } as unknown as IpcMainInvokeEvent;
/** A frame of another origin that is its contents' own main frame. */
const alone = (url: string) => {
  const frame = { url };
  return { senderFrame: frame, sender: { mainFrame: frame } };
};
const UNTRUSTED = [
  { senderFrame: { url: 'app://main/index.html' }, sender: { mainFrame } }, // a subframe of ours
  alone('https://evil.example/'),
  alone('file:///tmp/x.html'),
  alone('app://main.evil.example/'),
  alone('app://other/index.html'),
  alone('app://x@main/index.html'),
  alone('devtools://devtools/bundled/inspector.html'),
  { senderFrame: null, sender: { mainFrame } },
  { senderFrame: undefined, sender: { mainFrame } },
] as unknown as IpcMainInvokeEvent[];

type Call = { method: string; input: unknown };
type Behaviour = 'value' | 'nothing' | 'core-error' | 'crash' | 'sync-throw';

/** Core as a spy: records what reaches it and answers with the behaviour the test sets. */
function spyCore() {
  const calls: Call[] = [];
  let behaviour: Behaviour = 'value';
  const handlers = new Proxy({} as BriefingApi, {
    get: (_target, method) => (input: unknown) => {
      calls.push({ method: String(method), input });
      switch (behaviour) {
        case 'value':
          return Promise.resolve({ answered: String(method) });
        case 'nothing':
          return Promise.resolve(undefined);
        case 'core-error':
          return Promise.reject(new CoreError('item-not-found', 'That block is no longer in the briefing.'));
        case 'crash':
          return Promise.reject(new Error('SQLITE_CORRUPT at /home/analyst/.config/secret.sqlite'));
        case 'sync-throw':
          throw new TypeError('Cannot read properties of undefined (/home/analyst/secret)');
      }
    },
  });
  return {
    handlers,
    calls,
    setBehaviour: (next: Behaviour) => {
      behaviour = next;
    },
  };
}

/**
 * The test's own idea of what may cross the door besides passing the schema: JSON-like data (no
 * Dates, Maps, Sets, bytes, BigInts, cycles), nested no deeper than the door allows.
 */
function jsonLike(value: unknown, depth = 0): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return true;
  if (typeof value !== 'object' || depth >= MAX_INPUT_DEPTH) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== Array.prototype) return false;
  if (Object.prototype.hasOwnProperty.call(value, '__proto__')) return false;
  return Object.values(value).every((child) => jsonLike(child, depth + 1));
}

/** True when every object in `value` is a plain object or array with no own `__proto__` key. */
function plainAllTheWay(value: unknown, seen = new Set<unknown>()): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function';
  if (seen.has(value)) return false;
  seen.add(value);
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== Array.prototype) return false;
  if (Object.prototype.hasOwnProperty.call(value, '__proto__')) return false;
  return Object.values(value).every((child) => plainAllTheWay(child, seen));
}

/** Why `answer` is not a clean error envelope with `code`, or null when it is one. */
function cleanErrorProblem(answer: unknown, code: string): string | null {
  if (answer === null || typeof answer !== 'object') return `answered ${String(answer)}`;
  const keys = Object.keys(answer).sort().join(',');
  const { ok, error } = answer as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (keys !== 'error,ok' || ok !== false || error === undefined) return `not an error envelope: ${keys}`;
  if (Object.keys(error).sort().join(',') !== 'code,message')
    return 'the error has more than a code and a message';
  if (error.code !== code) return `code ${String(error.code)} instead of ${code}`;
  if (typeof error.message !== 'string') return 'no message';
  if (error.message.length > 500) return `a message of ${error.message.length} characters`;
  if (/\/home\/|\n\s+at |SQLITE/.test(error.message)) return `internals in the message: ${error.message}`;
  return null;
}

function expectCleanError(answer: unknown, code: string, context: string): void {
  expect(cleanErrorProblem(answer, code), context).toBeNull();
}

describe('the IPC door under arbitrary payloads', () => {
  it(`lets only schema-valid input from the app window reach core (${PER_METHOD} payloads per method)`, async () => {
    const spy = spyCore();
    const door = handleApiCall(spy.handlers, () => undefined);
    const rng = seededRandom(SEED);
    const behaviours: readonly Behaviour[] = [
      'value',
      'value',
      'nothing',
      'core-error',
      'crash',
      'sync-throw',
    ];
    const problems: string[] = [];
    const tally = new Map<string, { reached: number; refused: number; byKind: Map<PayloadKind, number> }>();

    for (const method of API_METHODS) {
      const root = inputJsonSchema(method);
      const counts = { reached: 0, refused: 0, byKind: new Map<PayloadKind, number>() };
      tally.set(method, counts);
      for (let index = 0; index < PER_METHOD; index += 1) {
        const { kind, input } = makePayload(method, root, rng);
        counts.byKind.set(kind, (counts.byKind.get(kind) ?? 0) + 1);
        const behaviour = behaviours[Math.floor(rng() * behaviours.length)]!;
        spy.setBehaviour(behaviour);
        const event = kind === 'untrusted-sender' ? UNTRUSTED[index % UNTRUSTED.length]! : trusted;
        const before = spy.calls.length;

        const answer = await door(event, method, input).then(
          (value) => value,
          (error: unknown) => ({ threw: error }),
        );
        const parsed = API_INPUT_SCHEMAS[method].safeParse(input ?? {});
        const reached = spy.calls.length - before;
        const problem = (() => {
          if (kind === 'untrusted-sender') {
            if (reached !== 0) return 'an untrusted frame reached core';
            return cleanErrorProblem(answer, 'forbidden-sender');
          }
          // The schemas themselves are strict and capped: these kinds fail them even without the
          // door's plain-data check in front.
          if (ALWAYS_REFUSED.has(kind) && kind !== 'top-level-not-object' && parsed.success)
            return 'the schema accepted it';
          if (ALWAYS_REFUSED.has(kind) || !parsed.success || !jsonLike(input)) {
            if (reached !== 0) return 'invalid input reached core';
            return cleanErrorProblem(answer, 'invalid-input');
          }
          // Valid: core sees exactly the parsed value, once, with nothing but plain data in it.
          if (reached !== 1) return `valid input reached core ${reached} times`;
          const call = spy.calls[spy.calls.length - 1]!;
          if (call.method !== method) return `core was asked for ${call.method}`;
          if (!isDeepStrictEqual(call.input, parsed.data))
            return 'core got something else than the parsed input';
          if (!plainAllTheWay(call.input)) return 'core got something else than plain data';
          counts.reached += 1;
          if (behaviour === 'value')
            return isDeepStrictEqual(answer, { ok: true, value: { answered: method } }) ? null : 'value lost';
          if (behaviour === 'nothing')
            return isDeepStrictEqual(answer, { ok: true, value: null }) ? null : 'empty answer lost';
          return cleanErrorProblem(answer, behaviour === 'core-error' ? 'item-not-found' : 'internal');
        })();
        if (kind === 'untrusted-sender' || reached === 0) counts.refused += 1;
        if (problem !== null && problems.length < 20)
          problems.push(`${method} #${index} (${kind}, seed ${SEED}): ${problem}`);
      }
    }

    expect(problems).toEqual([]);
    // Nothing leaked onto the shared prototypes, and every method saw both outcomes.
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
    for (const [method, counts] of tally) {
      expect(counts.reached + counts.refused, method).toBe(PER_METHOD);
      expect(counts.reached, `${method}: no valid payload reached core`).toBeGreaterThan(0);
      expect(counts.refused, method).toBeGreaterThan(0);
    }
  }, 300_000);

  it('refuses unknown and inherited method names without reaching core', async () => {
    const spy = spyCore();
    const door = handleApiCall(spy.handlers, () => undefined);
    const names: unknown[] = [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'ListDocuments',
      'listDocuments ',
      '',
      'eval',
      null,
      undefined,
      42,
      ['listDocuments'],
      { toString: () => 'listDocuments' },
      new String('listDocuments'),
    ];
    for (const name of names) {
      expectCleanError(await door(trusted, name, {}), 'unknown-method', String(name));
    }
    expect(spy.calls).toEqual([]);
  });

  it('has a capped, strict schema for every method (no field can make core allocate without bound)', () => {
    const unbounded: string[] = [];
    const visit = (schema: Record<string, unknown>, where: string) => {
      const type = schema['type'];
      const types = typeof type === 'string' ? [type] : Array.isArray(type) ? (type as string[]) : [];
      if (types.includes('string') && schema['maxLength'] === undefined && schema['enum'] === undefined) {
        const pattern = schema['pattern'];
        if (schema['const'] === undefined && (typeof pattern !== 'string' || /[+*]|\{\d+,\}/.test(pattern)))
          unbounded.push(`${where}: string without maxLength`);
      }
      if (types.includes('array') && schema['maxItems'] === undefined)
        unbounded.push(`${where}: array without maxItems`);
      if (types.includes('object') && schema['additionalProperties'] !== false)
        unbounded.push(`${where}: object that is not strict`);
      for (const [key, child] of Object.entries(schema)) {
        if (key === 'properties' && child !== null && typeof child === 'object') {
          for (const [name, property] of Object.entries(child))
            visit(property as Record<string, unknown>, `${where}.${name}`);
        } else if (
          (key === 'items' || key === 'additionalProperties') &&
          typeof child === 'object' &&
          child !== null
        ) {
          visit(child as Record<string, unknown>, `${where}[]`);
        } else if ((key === 'anyOf' || key === 'oneOf') && Array.isArray(child)) {
          for (const option of child) visit(option as Record<string, unknown>, where);
        }
      }
    };
    for (const method of API_METHODS) visit(inputJsonSchema(method), method);
    expect(unbounded).toEqual([]);
  });
});
