import type { ErrorCode } from '../shared/api';

/** An expected failure with a stable code the UI and CLI turn into a sentence for the user. */
export class CoreError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'CoreError';
    this.code = code;
  }
}

export function isCoreError(value: unknown): value is CoreError {
  return value instanceof CoreError;
}
