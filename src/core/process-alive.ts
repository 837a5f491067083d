/**
 * Whether a process with this id is running (a temporary file named after its writer's pid is
 * stale once that writer is gone). EPERM means it exists but belongs to someone else.
 */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
