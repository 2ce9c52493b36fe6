/** Coordinators: each member's effective access to the document, and a per-member grant. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessListResponse } from '../../shared/api';
import type { Access } from '../../shared/permissions';
import { documentsApi } from '../api/trame';
import { errorMessage } from '../api/errorMessage';

type Entry = AccessListResponse['entries'][number];

/** Grants a coordinator can give from this panel (empty string = back to the role's default). */
const GRANTS: Access[] = ['edit', 'comment', 'view'];

/** The access side panel of the editor page. */
export function AccessPanel({ documentId, id }: { documentId: string; id: string }) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const load = useCallback(async () => {
    try {
      const list = await documentsApi.accessList(documentId);
      setEntries([...list.entries].sort((a, b) => a.member.name.localeCompare(b.member.name)));
    } catch (err) {
      setError(errorMessage(t, err));
    }
  }, [documentId, t]);

  useEffect(() => {
    void load();
  }, [load]);

  const grant = async (memberId: string, access: Access | null) => {
    setError(null);
    setSaved(false);
    try {
      await documentsApi.grant(documentId, memberId, { access });
      setSaved(true);
      await load();
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  return (
    <section id={id} className="access-panel" aria-labelledby={`${id}-title`} data-testid="access-panel">
      <h2 id={`${id}-title`} className="sidebar-title">{t('accessPanel.title')}</h2>
      <p className="hint">{t('accessPanel.intro')}</p>
      {error && <p className="form-error" role="alert">{error}</p>}
      <p role="status" className="hint">{saved ? t('accessPanel.saved') : ''}</p>
      {entries === null && !error && <p role="status">{t('common.loading')}</p>}
      <ul className="access-list">
        {(entries ?? []).map((entry) => (
          <AccessRow key={entry.member.id} entry={entry} onGrant={(access) => void grant(entry.member.id, access)} />
        ))}
      </ul>
    </section>
  );
}

function AccessRow({ entry, onGrant }: { entry: Entry; onGrant: (access: Access | null) => void }) {
  const { t } = useTranslation();
  const { member, grant, effective } = entry;
  const options = grant && !GRANTS.includes(grant) ? [...GRANTS, grant] : GRANTS;
  return (
    <li className="access-row" data-testid="access-row" data-member-id={member.id}>
      <div>
        <strong>{member.name}</strong> <span className="muted">· {t(`roles.${member.role}`)}</span>
      </div>
      {/* Coordinators always edit: a grant would change nothing. */}
      {member.role !== 'coordinator' && (
        <select
          aria-label={t('accessPanel.grantFor', { name: member.name })}
          value={grant ?? ''}
          onChange={(e) => onGrant(e.target.value === '' ? null : (e.target.value as Access))}
          data-testid="access-grant"
        >
          <option value="">{t('accessPanel.byRole')}</option>
          {options.map((access) => (
            <option key={access} value={access}>{t(`access.${access}`)}</option>
          ))}
        </select>
      )}
      <div className="hint" data-testid="access-effective">
        {t('accessPanel.effective', { access: effective ? t(`access.${effective}`) : t('access.none') })}
      </div>
    </li>
  );
}
