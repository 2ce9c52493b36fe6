/**
 * « Présences » at the top of a meeting document: who was in it and from when to when, recorded
 * by the server from presence, fetched again whenever the meta room says the attendance changed.
 */
import { useTranslation } from 'react-i18next';
import type { MemberSummary, PresenceInterval } from '../../shared/api';
import { sessionsApi } from '../api/trame';
import { formatDate, formatTime } from '../app/format';
import { Avatar } from '../presence/Avatar';
import { useFetched } from '../app/useFetched';

/** Each member once, in order of first arrival, with their intervals and total edits. */
export function byMember(intervals: readonly PresenceInterval[]): { member: MemberSummary; intervals: PresenceInterval[]; edits: number }[] {
  const groups = new Map<string, { member: MemberSummary; intervals: PresenceInterval[]; edits: number }>();
  for (const interval of intervals) {
    const group = groups.get(interval.member.id) ?? { member: interval.member, intervals: [], edits: 0 };
    group.intervals.push(interval);
    group.edits += interval.edits;
    groups.set(interval.member.id, group);
  }
  return [...groups.values()];
}

/** One stay, « de 14:02 à 14:30 » or « depuis 14:02 ». */
export function IntervalTime({ from, to }: { from: string; to: string | null }) {
  const { t } = useTranslation();
  return (
    <span className="attendance-interval" data-testid="attendance-interval" data-open={to === null} title={formatDate(from)}>
      {to === null ? t('attendance.since', { from: formatTime(from) }) : t('attendance.interval', { from: formatTime(from), to: formatTime(to) })}
    </span>
  );
}

/** A member's stays, « de 9:02 à 9:40, depuis 10:05 », as one run of text. */
export function IntervalList({ intervals }: { intervals: readonly { from: string; to: string | null }[] }) {
  return (
    <span>
      {intervals.map((interval, i) => (
        <span key={i}>
          {i > 0 && ', '}
          <IntervalTime from={interval.from} to={interval.to} />
        </span>
      ))}
    </span>
  );
}

/** The attendance block; `revision` comes from the document's meta room. */
export function AttendanceBlock({ documentId, revision }: { documentId: string; revision: number | undefined }) {
  const { t } = useTranslation();
  const { data, error } = useFetched(`${documentId} ${revision ?? ''}`, () => sessionsApi.attendance(documentId));
  const members = byMember(data?.intervals ?? []);
  return (
    <section className="attendance card" aria-labelledby="attendance-title" data-testid="attendance">
      <h2 id="attendance-title" className="sidebar-title">{t('attendance.title')}</h2>
      {error !== null && <p className="field-error" role="alert">{t('attendance.loadFailed')}</p>}
      {data !== null && members.length === 0 && <p className="muted">{t('attendance.empty')}</p>}
      <ul className="attendance-list" aria-label={t('attendance.listLabel')}>
        {members.map(({ member, intervals, edits }) => (
          <li key={member.id} data-testid="attendance-member" data-member-id={member.id}>
            <Avatar member={member} label={member.name} />
            <span className="member-name">{member.name}</span>
            <IntervalList intervals={intervals} />
            {intervals.some((i) => i.to === null) && <span className="badge">{t('attendance.present')}</span>}
            {edits > 0 && <span className="muted"> · {t('attendance.edits', { count: edits })}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
