/**
 * A collective's document list: fetched over HTTP, then kept live by the read-only `ws.<id>`
 * room (titles, archive state, last edit, who is in each document). Members the server refuses
 * that room to (guests) get the HTTP list refreshed every 15 seconds instead.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentSummary, LiveDocumentMeta } from '../../shared/api';
import type { Role } from '../../shared/permissions';
import { DOCUMENT_LIST_MAP, workspaceRoom } from '../../shared/rooms';
import { documentsApi } from '../api/trame';
import { useLiveMap } from '../collab/useLiveRoom';

const POLL_MS = 15_000;

/** The list as the page shows it. */
export interface DocumentList {
  documents: DocumentSummary[];
  loading: boolean;
  error: unknown;
  /** The list is refreshed by polling, not live. */
  polling: boolean;
  /** Replaces one document after an action (archive, restore). */
  replace: (document: DocumentSummary) => void;
}

async function fetchAll(workspaceId: string, withArchived: boolean): Promise<DocumentSummary[]> {
  const [active, archived] = await Promise.all([
    documentsApi.list(workspaceId),
    withArchived ? documentsApi.list(workspaceId, true) : Promise.resolve({ documents: [] }),
  ]);
  const byId = new Map<string, DocumentSummary>();
  for (const doc of [...active.documents, ...archived.documents]) byId.set(doc.id, doc);
  return [...byId.values()];
}

function applyLive(doc: DocumentSummary, live: LiveDocumentMeta | undefined): DocumentSummary {
  if (!live) return doc;
  const { title, kind, archived, updatedAt, updatedBy, present, openThreads, status } = live;
  return { ...doc, title, kind, archived, updatedAt, updatedBy, present: present ?? doc.present, openThreads: openThreads ?? doc.openThreads, status: status === undefined ? doc.status : status };
}

function isLiveMeta(value: unknown): value is LiveDocumentMeta {
  const v = value as Partial<LiveDocumentMeta> | null;
  return !!v && typeof v.id === 'string' && typeof v.title === 'string';
}

/** Loads and keeps live the documents of a collective; archived ones only when asked. */
export function useDocumentList(workspaceId: string, role: Role | null, showArchived: boolean): DocumentList {
  const [fetched, setFetched] = useState<DocumentSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const live = useLiveMap(role === 'guest' || role === null ? null : workspaceRoom(workspaceId), DOCUMENT_LIST_MAP);
  const liveEntries = live.entries;
  const polling = role === 'guest' || live.state === 'refused';

  const refetch = useCallback(async () => {
    try {
      setFetched(await fetchAll(workspaceId, showArchived));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [workspaceId, showArchived]);

  useEffect(() => {
    setFetched(null);
    void refetch();
  }, [refetch]);

  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(() => void refetch(), POLL_MS);
    return () => clearInterval(timer);
  }, [polling, refetch]);

  useRefetchOnUnknownIds(fetched, liveEntries, refetch);

  const documents = useMemo(() => {
    const merged = (fetched ?? []).map((doc) => {
      const entry = liveEntries.get(doc.id);
      return applyLive(doc, isLiveMeta(entry) ? entry : undefined);
    });
    return merged
      .filter((doc) => showArchived || !doc.archived)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }, [fetched, liveEntries, showArchived]);

  const replace = useCallback((document: DocumentSummary) => {
    setFetched((list) => list?.map((doc) => (doc.id === document.id ? document : doc)) ?? list);
  }, []);

  return { documents, loading: fetched === null && !error, error, polling, replace };
}

/** Someone created a document: the live room knows it first; fetch its full row over HTTP. */
function useRefetchOnUnknownIds(
  fetched: DocumentSummary[] | null,
  liveEntries: Map<string, unknown>,
  refetch: () => Promise<void>,
): void {
  const lastAsked = useRef('');
  useEffect(() => {
    if (fetched === null) return;
    const known = new Set(fetched.map((d) => d.id));
    const unknown = [...liveEntries.keys()].filter((id) => !known.has(id)).sort().join(',');
    // Ask once per set of unknown ids: documents we may not see would otherwise loop forever.
    if (unknown === '' || unknown === lastAsked.current) return;
    lastAsked.current = unknown;
    void refetch();
  }, [fetched, liveEntries, refetch]);
}
