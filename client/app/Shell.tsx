/**
 * The frame around every signed-in page: brand, current collective (switcher when there are
 * several), navigation, language, member name and sign-out.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useTranslation } from 'react-i18next';
import { LogOut } from 'lucide-react';
import { useAuth } from './auth';
import { useCurrentWorkspaceId } from './workspace';
import { forgetDeviceCopies, unsentChangeCount } from '../collab/deviceCopies';
import { LanguageSwitch } from './LanguageSwitch';
import { ShortcutsDialog } from './ShortcutsDialog';
import { InboxButton } from '../inbox/InboxButton';
import { InboxStateProvider, useLiveInbox } from '../inbox/useInbox';

/** Header + main landmark for signed-in pages. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me, signOut } = useAuth();
  const [location, navigate] = useLocation();
  const currentId = useCurrentWorkspaceId();
  const workspaces = me?.workspaces ?? [];
  const current = workspaces.find((w) => w.id === currentId) ?? workspaces[0];
  const inbox = useLiveInbox(me?.member.id ?? null);
  const main = useRef<HTMLElement>(null);
  useFocusMainAfterNavigation(location, main);

  const onSignOut = async () => {
    const unsent = unsentChangeCount();
    if (unsent > 0 && !window.confirm(t('shell.signOutUnsent', { count: unsent }))) return;
    await signOut();
    navigate('/login');
    // After leaving the page, so that an open editor has closed its copy first.
    await forgetDeviceCopies();
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">{t('shell.skipToContent')}</a>
      <header className="shell-header">
        <Link href="/" className="brand">{t('common.appName')}</Link>
        {current && (
          <WorkspaceSwitcher currentId={current.id} onChange={(id) => navigate(`/w/${id}`)} />
        )}
        {current && (
          <nav aria-label={t('shell.mainNav')} className="main-nav">
            <NavLink href={`/w/${current.id}`} active={location === `/w/${current.id}` || location.startsWith('/d/')}>
              {t('shell.documents')}
            </NavLink>
            <NavLink href={`/w/${current.id}/members`} active={location === `/w/${current.id}/members`}>
              {t('shell.members')}
            </NavLink>
          </nav>
        )}
        <div className="shell-tools">
          <LanguageSwitch />
          {me && <InboxButton inbox={inbox} />}
          <ShortcutsDialog />
          {me && <span className="member-name" data-testid="member-name">{me.member.name}</span>}
          <button type="button" className="button-quiet button-compact" onClick={() => void onSignOut()} data-testid="sign-out">
            <LogOut aria-hidden="true" size={18} />
            <span className="label-wide">{t('shell.signOut')}</span>
          </button>
        </div>
      </header>
      <main id="main" className="shell-main" tabIndex={-1} ref={main}>
        <InboxStateProvider value={inbox}>{children}</InboxStateProvider>
      </main>
    </div>
  );
}

/** Whether anything on the page has had the focus yet (a page just loaded starts at its top). */
let focusedOnce = false;
document.addEventListener('focusin', () => void (focusedOnce = true), { once: true, capture: true });

/**
 * Going to another page inside the app removes the link or form that had the focus, which then
 * falls back to the top of the page: it goes to the page's main region instead, so that the next
 * Tab reaches the new page's content (its skip link « Aller au texte » on a document). Left alone
 * when the new page put the focus somewhere itself, and on the first page loaded.
 */
function useFocusMainAfterNavigation(location: string, main: React.RefObject<HTMLElement | null>) {
  useEffect(() => {
    const active = document.activeElement;
    if (!focusedOnce || (active && active !== document.body)) return;
    main.current?.focus({ preventScroll: true });
  }, [location, main]);
}

function NavLink({ href, active, children }: { href: string; active: boolean; children: ReactNode }) {
  return (
    <Link href={href} className={active ? 'nav-link active' : 'nav-link'} aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/** The collective's name, or a select when the member belongs to several. */
function WorkspaceSwitcher({ currentId, onChange }: { currentId: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const workspaces = me?.workspaces ?? [];
  if (workspaces.length < 2) {
    return <span className="workspace-name" data-testid="workspace-name">{workspaces[0]?.name}</span>;
  }
  return (
    <label className="workspace-switcher">
      <span className="visually-hidden">{t('shell.workspace')}</span>
      <select value={currentId} onChange={(e) => onChange(e.target.value)} data-testid="workspace-switcher">
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>{w.name}</option>
        ))}
      </select>
    </label>
  );
}

/** Minimal frame for signed-out pages (login, set-up, invitation). */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="shell public">
      <header className="shell-header">
        <span className="brand">{t('common.appName')}</span>
        <div className="shell-tools">
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="shell-main narrow">{children}</main>
    </div>
  );
}
