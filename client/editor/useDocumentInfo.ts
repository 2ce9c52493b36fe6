/**
 * A document's metadata and the caller's access (`GET /api/documents/:id`). The last answer is
 * kept on this device so that the editor can still open the cached body when the server is
 * unreachable.
 */
import { useCallback, useEffect, useState } from 'react';
import type { DocumentResponse } from '../../shared/api';
import { documentsApi } from '../api/trame';
import { isApiError } from '../api/http';

/** Loading state of the document's metadata. */
export type DocumentInfoState =
  | { status: 'loading' }
  | { status: 'ready'; info: DocumentResponse; offline: boolean }
  | { status: 'error'; error: unknown };

const cacheKey = (id: string) => `trame:doc:${id}`;

function readCached(id: string): DocumentResponse | null {
  try {
    const raw = window.localStorage.getItem(cacheKey(id));
    return raw ? (JSON.parse(raw) as DocumentResponse) : null;
  } catch {
    return null;
  }
}

function writeCached(info: DocumentResponse): void {
  try {
    window.localStorage.setItem(cacheKey(info.document.id), JSON.stringify(info));
  } catch {
    // Only the offline fallback is lost.
  }
}

/** Loads a document's metadata; `reload` fetches it again (e.g. after archive or restore). */
export function useDocumentInfo(id: string): { state: DocumentInfoState; reload: () => Promise<void>; set: (info: DocumentResponse) => void } {
  const [state, setState] = useState<DocumentInfoState>({ status: 'loading' });

  const set = useCallback((info: DocumentResponse) => {
    writeCached(info);
    setState({ status: 'ready', info, offline: false });
  }, []);

  const reload = useCallback(async () => {
    try {
      set(await documentsApi.get(id));
    } catch (error) {
      // Unreachable server (or a proxy in front of it saying so): fall back to the last answer.
      const unreachable = isApiError(error) && (error.status === 0 || error.status >= 502);
      const cached = unreachable ? readCached(id) : null;
      setState((current) => {
        // A failed refresh never takes an open document away from the page.
        if (current.status === 'ready' && unreachable) return current;
        return cached ? { status: 'ready', info: cached, offline: true } : { status: 'error', error };
      });
    }
  }, [id, set]);

  useEffect(() => {
    setState({ status: 'loading' });
    void reload();
  }, [reload]);

  return { state, reload, set };
}
