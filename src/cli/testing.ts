import { afterEach } from 'vitest';
import { tempDir } from '../core/testing/temp-core';
import { runCli } from './run';

export type CliResult = Readonly<{ code: number; stdout: string; stderr: string }>;

/** Runs the CLI in this process with its output captured, as a test would read a terminal. */
export async function cli(...argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

export function json<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** Temporary folders for one test file, removed after each test. */
export function useWorkspaces(prefix = 'briefing-cli-'): () => string {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  return () => {
    const dir = tempDir(prefix);
    cleanups.push(dir.dispose);
    return dir.path;
  };
}
