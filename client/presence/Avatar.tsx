/** Round avatars with a member's initials in their colour. */
import type { MemberSummary } from '../../shared/api';

/** Up to two initials from a name (« Claire Dubois » → « CD », « Zoé » → « Z »). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words.slice(0, 1);
  return letters.map((w) => Array.from(w)[0]!.toUpperCase()).join('');
}

/** One avatar; `label` is its accessible name and tooltip. */
export function Avatar({ member, label, testId }: { member: MemberSummary; label: string; testId?: string }) {
  return (
    <span
      className="avatar"
      role="img"
      aria-label={label}
      title={label}
      style={{ backgroundColor: member.color }}
      data-testid={testId}
      data-member-id={member.id}
    >
      <span aria-hidden="true">{initials(member.name)}</span>
    </span>
  );
}

/** A row of avatars for the members in a document (document list). */
export function AvatarStack({ members, emptyLabel }: { members: MemberSummary[]; emptyLabel: string }) {
  if (members.length === 0) return <span className="muted">{emptyLabel}</span>;
  return (
    <span className="avatar-stack">
      {members.map((m) => (
        <Avatar key={m.id} member={m} label={m.name} testId="list-presence-avatar" />
      ))}
    </span>
  );
}
