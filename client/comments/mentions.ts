/**
 * @mentions in comment text, which stays plain text: "@Claire Dubois" in the body plus the
 * member's id in the comment's `mentions`. Pure functions for the composer's autocomplete and for
 * showing a comment with its mentions marked.
 */
import type { MemberSummary } from '../../shared/api';

/** Longest text after "@" still read as a name being typed. */
const MAX_QUERY = 40;

/** Lower case without accents, so « zoe » finds « Zoé ». */
const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/** The "@…" being typed just before the caret, if any: where its "@" is and what follows it. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at === -1) return null;
  if (at > 0 && !/\s|[(«"'’]/u.test(before[at - 1]!)) return null; // an e-mail address, not a mention
  const query = before.slice(at + 1);
  if (query.length > MAX_QUERY || /[\n@]/.test(query) || /^\s/.test(query)) return null;
  return { start: at, query };
}

/** Members whose name (or any word of it) starts with the query, best matches first. */
export function matchMembers(members: readonly MemberSummary[], query: string, limit = 6): MemberSummary[] {
  const q = fold(query);
  const scored = members
    .map((member) => {
      const name = fold(member.name);
      const score = name.startsWith(q) ? 0 : name.split(/\s+/).some((word) => word.startsWith(q)) ? 1 : -1;
      return { member, score };
    })
    .filter(({ score }) => score >= 0);
  scored.sort((a, b) => a.score - b.score || a.member.name.localeCompare(b.member.name));
  return scored.slice(0, limit).map(({ member }) => member);
}

/** Replaces the "@query" from `start` to the caret by "@Name " and says where the caret goes. */
export function insertMention(text: string, start: number, caret: number, member: MemberSummary): { text: string; caret: number } {
  const inserted = `@${member.name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}

/** Ids of the chosen members still named as "@Name" in the text, without repeats. */
export function mentionedIds(text: string, chosen: readonly MemberSummary[]): string[] {
  return [...new Set(chosen.filter((m) => text.includes(`@${m.name}`)).map((m) => m.id))];
}

/** A comment's text cut into plain parts and mention parts, for display as text nodes. */
export type TextPart = { text: string; member?: MemberSummary };

/** Splits text at each "@Name" of a mentioned member (longest names first when they overlap). */
export function splitMentions(text: string, mentions: readonly MemberSummary[]): TextPart[] {
  const byLength = [...mentions].sort((a, b) => b.name.length - a.name.length);
  const parts: TextPart[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const member = text[i] === '@' ? byLength.find((m) => text.startsWith(`@${m.name}`, i)) : undefined;
    if (member) {
      if (plain) parts.push({ text: plain });
      plain = '';
      parts.push({ text: `@${member.name}`, member });
      i += member.name.length + 1;
    } else {
      plain += text[i];
      i++;
    }
  }
  if (plain) parts.push({ text: plain });
  return parts;
}
