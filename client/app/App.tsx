/** Routes of the web client (wouter), wrapped in the session and current-collective providers. */
import { lazy, Suspense, type ReactNode } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { useTranslation } from 'react-i18next';
import { LoginPage } from '../auth/LoginPage';
import { SetupPage } from '../auth/SetupPage';
import { InvitePage } from '../auth/InvitePage';
import { DocumentListPage } from '../documents/DocumentListPage';
import { MembersPage } from '../members/MembersPage';
import { InboxPage } from '../inbox/InboxPage';
import { AuthProvider, useAuth } from './auth';
import { ErrorBoundary, PageFailed } from './ErrorBoundary';
import { CurrentWorkspaceProvider } from './workspace';
import { PublicLayout, Shell } from './Shell';

// The editor (TipTap, Yjs, providers) is most of the bundle: load it when a document is opened.
const loadEditorPage = () => import('../editor/EditorPage');
// Opened from a document's link: fetch the editor while the session is being checked, not after.
if (window.location.pathname.startsWith('/d/')) void loadEditorPage();
const EditorPage = lazy(() => loadEditorPage().then((m) => ({ default: m.EditorPage })));

/** The whole application. */
export function App() {
  return (
    <AuthProvider>
      <CurrentWorkspaceProvider>
        <Routes />
      </CurrentWorkspaceProvider>
    </AuthProvider>
  );
}

function Routes() {
  const { setupNeeded } = useAuth();
  const [location] = useLocation();
  // A fresh instance has no account to sign in with: send everyone to the set-up form.
  if (setupNeeded && location !== '/setup') return <Redirect to="/setup" replace />;
  return (
    <Switch>
      <Route path="/setup"><PublicLayout><SetupPage /></PublicLayout></Route>
      <Route path="/login"><PublicLayout><LoginPage /></PublicLayout></Route>
      <Route path="/invite/:token">{(params) => <PublicLayout><InvitePage token={params.token} /></PublicLayout>}</Route>
      <Route>
        <RequireAuth>
          <Shell>
            {/* Keyed by address: going to another page leaves a page that failed. */}
            <ErrorBoundary key={location} what="the page" fallback={<PageFailed />}>
              <Switch>
                <Route path="/"><Home /></Route>
                <Route path="/w/:wid">{(params) => <DocumentListPage key={params.wid} workspaceId={params.wid} />}</Route>
                <Route path="/inbox"><InboxPage /></Route>
                <Route path="/w/:wid/members">{(params) => <MembersPage key={params.wid} workspaceId={params.wid} />}</Route>
                <Route path="/d/:id">
                  {(params) => (
                    <Suspense fallback={<Loading />}>
                      <EditorPage key={params.id} documentId={params.id} />
                    </Suspense>
                  )}
                </Route>
                <Route><NotFound /></Route>
              </Switch>
            </ErrorBoundary>
          </Shell>
        </RequireAuth>
      </Route>
    </Switch>
  );
}

/** Signed-out visitors are sent to the login page, and come back here afterwards. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const [location] = useLocation();
  if (!me) return <Redirect to={`/login?next=${encodeURIComponent(location + window.location.search)}`} replace />;
  return <>{children}</>;
}

/** `/` opens the first collective's documents. */
function Home() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const first = me?.workspaces[0];
  if (first) return <Redirect to={`/w/${first.id}`} replace />;
  return <p className="page-status">{t('shell.noWorkspace')}</p>;
}

function Loading() {
  const { t } = useTranslation();
  return <p className="page-status" role="status">{t('common.loading')}</p>;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="page-status">
      <h1>{t('shell.notFoundTitle')}</h1>
      <p>{t('shell.notFoundText')}</p>
    </div>
  );
}
