import type { ApiInput, ApiOutput, BriefingBridge, ErrorCode } from '../../shared/api';
import type { AppCommand, CommandBridge } from '../../shared/commands';
import type { ApiMethod } from '../../shared/methods';

declare global {
  interface Window {
    readonly briefing?: BriefingBridge;
    /** Menu commands from the Electron host; absent in the browser e2e host. */
    readonly briefingCommands?: CommandBridge;
  }
}

/** Listens for application-menu commands; a no-op where the host has no menu. */
export function onMenuCommand(listener: (command: AppCommand) => void): () => void {
  return window.briefingCommands?.subscribe(listener) ?? (() => undefined);
}

/** An API failure with the stable code from core and a sentence to show the user. */
export class ApiError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

/** Dispatched on window when a call finds the library damaged. */
export const LIBRARY_DAMAGED_EVENT = 'briefing:library-damaged';

/** The only place that touches window.briefing: calls a method and unwraps its envelope. */
export async function call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const bridge = window.briefing;
  if (bridge === undefined) {
    throw new ApiError('internal', 'Briefing Builder is not connected to its library. Restart the app.');
  }
  const invoke = bridge[method] as (value: ApiInput<M>) => ReturnType<BriefingBridge[M]>;
  const envelope = await invoke(input);
  if (!envelope.ok) {
    // Damage found after the library opened (its check runs on a thread of its own): the window
    // leaves the app for the recovery screen.
    if (envelope.error.code === 'library-damaged') window.dispatchEvent(new Event(LIBRARY_DAMAGED_EVENT));
    throw new ApiError(envelope.error.code, envelope.error.message);
  }
  return envelope.value;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong.';
}
