import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

type LibraryVersion = Readonly<{ version: number; changed: () => void }>;

const Context = createContext<LibraryVersion>({ version: 0, changed: () => undefined });

/**
 * A counter every view's queries include in their keys: after an edit anywhere (an excerpt, a tag,
 * a collection, an undo), `changed()` makes every view reload what it shows.
 */
export function LibraryVersionProvider({ children }: { children: ReactNode }) {
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((value) => value + 1), []);
  const value = useMemo(() => ({ version, changed }), [version, changed]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useLibraryVersion(): LibraryVersion {
  return useContext(Context);
}
