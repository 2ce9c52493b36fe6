/**
 * Who is in a document right now, from awareness. Each client publishes
 * `{user: {id, name, color}, section}`; the server overwrites `user` with the signed-in member,
 * so names cannot be spoofed by another client.
 */
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { MemberSummary } from '../../shared/api';

/** A member present in the document and the section they are working in. */
export interface PresentMember {
  member: MemberSummary;
  /** Text of the heading above their selection, or null. */
  section: string | null;
}

function isMember(value: unknown): value is MemberSummary {
  const v = value as Partial<MemberSummary> | null;
  return !!v && typeof v.id === 'string' && typeof v.name === 'string' && typeof v.color === 'string';
}

/** Reads the awareness states into one entry per member (several tabs count once), self excluded. */
export function readPresence(awareness: Awareness, selfId: string | null): PresentMember[] {
  const byMember = new Map<string, PresentMember>();
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    const user: unknown = state['user'];
    if (!isMember(user) || user.id === selfId) continue;
    const section = typeof state['section'] === 'string' ? (state['section'] as string) : null;
    // Keep the entry that says where the member is, if one of their tabs does.
    if (!byMember.get(user.id)?.section) byMember.set(user.id, { member: user, section });
  }
  return [...byMember.values()].sort((a, b) => a.member.name.localeCompare(b.member.name));
}

/** The other members present in the document, updated live. */
export function usePresence(awareness: Awareness | null, selfId: string | null): PresentMember[] {
  const [present, setPresent] = useState<PresentMember[]>([]);
  useEffect(() => {
    if (!awareness) {
      setPresent([]);
      return;
    }
    const read = () => setPresent(readPresence(awareness, selfId));
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [awareness, selfId]);
  return present;
}
