/**
 * Who is signed in, from `GET /api/me`, and whether the instance still needs its first set-up.
 * Loaded once at start; pages update it after signing in, accepting an invite or signing out.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeResponse } from '../../shared/api';
import type { Role } from '../../shared/permissions';
import { authApi } from '../api/trame';
import { isApiError } from '../api/http';
import { errorMessage } from '../api/errorMessage';

/** The session as the app sees it. */
export interface AuthContextValue {
  me: MeResponse | null;
  setupNeeded: boolean;
  /** Replaces the signed-in member (after sign-in, set-up or invite). */
  setMe: (me: MeResponse | null) => void;
  /** Marks the first set-up as done. */
  setSetupDone: () => void;
  /** Reloads `/api/me` (e.g. after joining a collective). */
  refresh: () => Promise<MeResponse | null>;
  /** Ends the session on the server and locally. */
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

async function loadMe(): Promise<MeResponse | null> {
  try {
    return await authApi.me();
  } catch (error) {
    if (isApiError(error, 'unauthenticated') || (isApiError(error) && error.status === 401)) return null;
    throw error;
  }
}

const PROFILE_KEY = 'trame:me';

const isUnreachable = (error: unknown): boolean => isApiError(error) && (error.status === 0 || error.status >= 502);

/** Keeps the signed-in profile for offline page loads (cleared with the other copies on sign-out). */
function rememberProfile(me: MeResponse | null): void {
  try {
    if (me) window.localStorage.setItem(PROFILE_KEY, JSON.stringify(me));
    else window.localStorage.removeItem(PROFILE_KEY);
  } catch {
    // Storage disabled: offline reloads will show the connection error instead.
  }
}

function rememberedProfile(): MeResponse | null {
  try {
    const raw = window.localStorage.getItem(PROFILE_KEY);
    return raw ? (JSON.parse(raw) as MeResponse) : null;
  } catch {
    return null;
  }
}

/** Loads the session, then renders its children with it; shows a retry on network failure. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [me, setMe] = useState<MeResponse | null>(null);
  const [setupNeeded, setSetupNeeded] = useState(false);
  const [state, setState] = useState<'loading' | 'ready' | { error: unknown }>('loading');

  const load = useCallback(async () => {
    setState('loading');
    try {
      const [setup, current] = await Promise.all([authApi.setupStatus(), loadMe()]);
      setSetupNeeded(setup.needed);
      setMe(current);
      rememberProfile(current);
      setState('ready');
    } catch (error) {
      // Server unreachable: carry on as the member last signed in on this browser, so that the
      // documents kept here open (read from IndexedDB, with the offline banner) instead of an error.
      const remembered = isUnreachable(error) ? rememberedProfile() : null;
      if (remembered) {
        setMe(remembered);
        setState('ready');
      } else {
        setState({ error });
      }
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const value = useMemo<AuthContextValue>(
    () => ({
      me,
      setupNeeded,
      setMe: (next) => {
        rememberProfile(next);
        setMe(next);
      },
      setSetupDone: () => setSetupNeeded(false),
      refresh: async () => {
        const current = await loadMe();
        rememberProfile(current);
        setMe(current);
        return current;
      },
      signOut: async () => {
        await authApi.signOut().catch(() => undefined);
        rememberProfile(null);
        setMe(null);
      },
    }),
    [me, setupNeeded],
  );

  if (state === 'loading') return <p className="page-status" role="status">{t('common.loading')}</p>;
  if (state !== 'ready') {
    return (
      <div className="page-status" role="alert">
        <p>{errorMessage(t, state.error)}</p>
        <button type="button" onClick={() => void load()}>{t('common.retry')}</button>
      </div>
    );
  }
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The session context; only valid under `AuthProvider`. */
export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in member's role in a collective, or null. */
export function useRoleIn(workspaceId: string | null | undefined): Role | null {
  const { me } = useAuth();
  return me?.workspaces.find((w) => w.id === workspaceId)?.role ?? null;
}
