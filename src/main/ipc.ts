import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { ApiEnvelope, BriefingApi } from '../shared/api';
import { API_CHANNEL } from '../shared/methods';
import { dispatch, type Logger } from '../core/api/dispatch';
import { isAppOrigin } from './app-protocol';

/** True only for the main frame of one of our windows showing the app's own origin. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame === undefined) return false;
  if (frame !== event.sender.mainFrame) return false;
  return isAppOrigin(frame.url);
}

/**
 * The one IPC door: checks the sender, then hands the method name and input to `dispatch`, which
 * checks the name against the method list and validates the input with its strict schema.
 */
export function handleApiCall(
  handlers: BriefingApi,
  log: Logger,
): (event: IpcMainInvokeEvent, method: unknown, input: unknown) => Promise<ApiEnvelope<unknown>> {
  return async (event, method, input) => {
    if (!isTrustedSender(event)) {
      log(`Refused an API call from an untrusted frame (${event.senderFrame?.url ?? 'no frame'})`);
      return {
        ok: false,
        error: { code: 'forbidden-sender', message: 'This window may not use the library.' },
      };
    }
    return dispatch(handlers, method, input, log);
  };
}

export function registerApiHandler(ipcMain: IpcMain, handlers: BriefingApi, log: Logger): void {
  ipcMain.handle(API_CHANNEL, handleApiCall(handlers, log));
}
