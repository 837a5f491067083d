import { afterEach } from 'vitest';

/**
 * For a test file: returns `track`, which hands back what it is given and disposes of it after the
 * test that made it (the newest first), whether the test passed or not.
 */
export function disposeAfterEachTest(): <T extends { dispose: () => void }>(value: T) => T {
  const made: (() => void)[] = [];
  afterEach(() => {
    for (const dispose of made.splice(0).reverse()) dispose();
  });
  return (value) => {
    made.push(() => value.dispose());
    return value;
  };
}
