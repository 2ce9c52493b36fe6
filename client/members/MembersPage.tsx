/** `/w/:wid/members` — members and roles; coordinators manage them and invite people. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MentorshipView, WorkspaceMember } from '../../shared/api';
import { canInWorkspace } from '../../shared/permissions';
import { membersApi, mentoringApi } from '../api/trame';
import { errorMessage } from '../api/errorMessage';
import { useAuth, useRoleIn } from '../app/auth';
import { useDeclareWorkspace } from '../app/workspace';
import { MentorCell } from '../mentoring/MentorCell';
import { InvitePanel } from './InvitePanel';
import { MemberRow } from './MemberRow';

/** The members page of one collective. */
export function MembersPage({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const { me, refresh } = useAuth();
  const role = useRoleIn(workspaceId);
  const [members, setMembers] = useState<WorkspaceMember[] | null>(null);
  const [mentorships, setMentorships] = useState<MentorshipView[]>([]);
  const [error, setError] = useState<string | null>(null);
  useDeclareWorkspace(workspaceId);

  const load = useCallback(async () => {
    try {
      const [list, mentoring] = await Promise.all([membersApi.list(workspaceId), mentoringApi.list(workspaceId)]);
      setMembers([...list.members].sort((a, b) => a.name.localeCompare(b.name)));
      setMentorships(mentoring.mentorships);
      setError(null);
    } catch (err) {
      setError(errorMessage(t, err));
    }
  }, [workspaceId, t]);

  useEffect(() => {
    void load();
  }, [load]);

  const onChanged = () => {
    void load();
    // Our own role may have changed: the header and permissions follow /api/me.
    void refresh();
  };

  const manage = canInWorkspace(role, 'member.changeRole');
  // The server sends others' e-mails only to coordinators: the column is theirs alone.
  const showEmails = canInWorkspace(role, 'member.readEmail');
  return (
    <div className="page">
      <div className="page-heading">
        <h1>{t('members.title')}</h1>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      {!manage && <p className="hint">{t('members.coordinatorsOnly')}</p>}
      {members === null && !error ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <div className="table-wrap">
          <table aria-label={t('members.tableLabel')} data-testid="member-list">
            <thead>
              <tr>
                <th scope="col">{t('members.colName')}</th>
                {showEmails && <th scope="col">{t('members.colEmail')}</th>}
                <th scope="col">{t('members.colRole')}</th>
                <th scope="col">{t('mentoring.colMentor')}</th>
                <th scope="col"><span className="visually-hidden">{t('members.colActions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {(members ?? []).map((member) => (
                <MemberRow
                  key={member.id}
                  workspaceId={workspaceId}
                  member={member}
                  isSelf={member.id === me?.member.id}
                  manage={manage}
                  showEmail={showEmails}
                  mentoring={
                    member.role === 'newcomer' && me ? (
                      <MentorCell
                        workspaceId={workspaceId}
                        newcomer={member}
                        mentor={mentorships.find((m) => m.newcomer.id === member.id)?.mentor ?? null}
                        members={members ?? []}
                        me={{ id: me.member.id, role }}
                        onChanged={onChanged}
                      />
                    ) : null
                  }
                  onChanged={onChanged}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canInWorkspace(role, 'member.invite') && <InvitePanel workspaceId={workspaceId} />}
    </div>
  );
}
