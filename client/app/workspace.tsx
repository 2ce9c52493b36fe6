/**
 * Which collective the header shows. Pages that know their collective (list, members, editor)
 * declare it; the choice is remembered so that `/` opens the last one used.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

const STORAGE_KEY = 'trame:workspace';

interface CurrentWorkspace {
  workspaceId: string | null;
  setWorkspaceId: (id: string) => void;
}

const CurrentWorkspaceContext = createContext<CurrentWorkspace>({ workspaceId: null, setWorkspaceId: () => {} });

/** Holds the current collective id for the header. */
export function CurrentWorkspaceProvider({ children }: { children: ReactNode }) {
  const [workspaceId, setId] = useState<string | null>(() => readRemembered());
  const value = useMemo(
    () => ({
      workspaceId,
      setWorkspaceId: (id: string) => {
        setId(id);
        remember(id);
      },
    }),
    [workspaceId],
  );
  return <CurrentWorkspaceContext.Provider value={value}>{children}</CurrentWorkspaceContext.Provider>;
}

/** The collective currently shown in the header (may be stale until a page declares one). */
export function useCurrentWorkspaceId(): string | null {
  return useContext(CurrentWorkspaceContext).workspaceId;
}

/** Declares the collective the current page belongs to. */
export function useDeclareWorkspace(workspaceId: string | null | undefined): void {
  const { setWorkspaceId, workspaceId: current } = useContext(CurrentWorkspaceContext);
  useEffect(() => {
    if (workspaceId && workspaceId !== current) setWorkspaceId(workspaceId);
  }, [workspaceId, current, setWorkspaceId]);
}

function readRemembered(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function remember(id: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, id);
  } catch {
    // Only the "last collective" convenience is lost.
  }
}
