import type { Core } from '../../core/api/core';
import type { ParsedArgs } from '../args';

export type Output = Readonly<{ stdout: (text: string) => void; stderr: (text: string) => void }>;

export type CommandContext = Readonly<{ core: Core; args: ParsedArgs; json: boolean; output: Output }>;

/** One CLI command: returns the exit code (0 success, 1 failure; usage errors throw UsageError). */
export type Command = (context: CommandContext) => Promise<number>;

export function printJson(output: Output, value: unknown): void {
  output.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
