import type { ApiEnvelope, ApiErrorBody, BriefingApi } from '../../shared/api';
import { isApiMethod } from '../../shared/methods';
import { API_INPUT_SCHEMAS } from '../../shared/schemas';
import { DISK_FULL_MESSAGE, isDiskFull } from '../disk-full';
import { isCoreError } from '../errors';
import { isPlainData } from './plain-data';

export type Logger = (message: string, error?: unknown) => void;

/**
 * The door every host puts in front of core: the method name is checked against the list, the input
 * is validated by that method's strict schema, and the result or error comes back in an envelope.
 * Unexpected errors are logged and reported without internals.
 */
export async function dispatch(
  handlers: BriefingApi,
  method: unknown,
  input: unknown,
  log: Logger = () => undefined,
): Promise<ApiEnvelope<unknown>> {
  if (!isApiMethod(method)) {
    return failure({ code: 'unknown-method', message: 'That action does not exist.' });
  }
  if (!isPlainData(input)) {
    return failure({ code: 'invalid-input', message: 'The request was not valid: it must be plain data.' });
  }
  const parsed = API_INPUT_SCHEMAS[method].safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where =
      issue === undefined || issue.path.length === 0 ? '' : ` (${shorten(issue.path.join('.'), 80)})`;
    return failure({
      code: 'invalid-input',
      // The message may quote the caller's own keys; it is shortened so that a huge key cannot
      // come back as a huge error.
      message: `The request was not valid${where}: ${shorten(issue?.message ?? 'invalid', 200)}.`,
    });
  }
  try {
    const table = handlers as unknown as Readonly<Record<string, (value: unknown) => Promise<unknown>>>;
    const value = await table[method]?.(parsed.data);
    return { ok: true, value: value ?? null };
  } catch (error) {
    if (isCoreError(error)) return failure({ code: error.code, message: error.message });
    if (isDiskFull(error)) {
      log(`${method} could not save: the disk is full`, error);
      return failure({ code: 'internal', message: DISK_FULL_MESSAGE });
    }
    log(`Unexpected error in ${method}`, error);
    return failure({
      code: 'internal',
      message:
        'Something went wrong inside Briefing Builder. Your library is unchanged; try again, and report it if it keeps happening.',
    });
  }
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function failure(error: ApiErrorBody): ApiEnvelope<never> {
  return { ok: false, error };
}
