import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, createApi, type MeModel } from './api/client';
import { oidcCallback, oidcSignOut, storedSession, storeSession, type Session } from './auth/session';
import type { ConsoleSettings } from './auth/settings';
import { Loading, ProblemAlert } from './components/feedback';
import { Layout, PageHeading } from './components/Layout';
import { ConsoleProvider, isStaff } from './context';
import { useLoad } from './lib/hooks';
import { match, navigate, usePath } from './lib/router';
import { DashboardPage } from './pages/DashboardPage';
import { GrantsPage } from './pages/GrantsPage';
import { NewRequestPage } from './pages/NewRequest';
import { KnownIssuesPage, MyRequestsPage, PartnerRequestPage } from './pages/PartnerPages';
import { QueuePage } from './pages/QueuePage';
import { ReviewPage } from './pages/ReviewPage';
import { SignInPage } from './pages/SignIn';

export function App({ settings }: { settings: ConsoleSettings }) {
  const { i18n } = useTranslation();
  const [session, setSession] = useState<Session | null>(() => storedSession());
  const [expired, setExpired] = useState(false);
  const path = usePath();

  const signIn = useCallback((next: Session) => {
    storeSession(next);
    setExpired(false);
    setSession(next);
  }, []);
  const signOut = useCallback(
    (becauseExpired = false) => {
      storeSession(null);
      setSession(null);
      setExpired(becauseExpired);
      if (settings.oidc && !becauseExpired) void oidcSignOut(settings.oidc);
      navigate('/', { replace: true });
    },
    [settings.oidc],
  );

  const api = useMemo(
    () =>
      createApi({
        baseUrl: window.location.origin,
        token: () => session?.accessToken ?? null,
        language: () => i18n.language,
        onUnauthorized: () => signOut(true),
      }),
    [session, i18n, signOut],
  );

  if (path.startsWith('/callback') && settings.oidc) return <OidcCallback settings={settings} onSignedIn={signIn} />;
  if (!session) {
    return (
      <Layout me={null}>
        <SignInPage settings={settings} onSignedIn={signIn} expired={expired} />
      </Layout>
    );
  }
  return <SignedIn api={api} settings={settings} onSignOut={() => signOut(false)} />;
}

function OidcCallback({ settings, onSignedIn }: { settings: ConsoleSettings; onSignedIn: (session: Session) => void }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    oidcCallback(settings.oidc!).then(
      ({ session, returnTo }) => {
        onSignedIn(session);
        navigate(returnTo.startsWith('/') ? returnTo : '/', { replace: true });
      },
      () => setFailed(true),
    );
  }, [settings, onSignedIn]);
  return <Layout me={null}>{failed ? <p className="alert alert-error">{t('auth.callbackFailed')}</p> : <Loading />}</Layout>;
}

function SignedIn({ api, settings, onSignOut }: { api: ReturnType<typeof createApi>; settings: ConsoleSettings; onSignOut: () => void }) {
  const [me] = useLoad(() => call(api.GET('/v1/me')), [api]);
  if (me.state === 'loading')
    return (
      <Layout me={null} onSignOut={onSignOut}>
        <Loading />
      </Layout>
    );
  if (me.state === 'failed')
    return (
      <Layout me={null} onSignOut={onSignOut}>
        <ProblemAlert problem={me.problem} />
      </Layout>
    );
  return (
    <ConsoleProvider value={{ api, settings, me: me.data }}>
      <Layout me={me.data} onSignOut={onSignOut}>
        <Routes me={me.data} />
      </Layout>
    </ConsoleProvider>
  );
}

function Routes({ me }: { me: MeModel }) {
  const path = usePath();
  const { t } = useTranslation();
  const pathname = path.split('?')[0];
  const staff = isStaff(me);
  useEffect(() => {
    if (pathname === '/' && (staff || me.kind === 'partner')) navigate(staff ? '/queue' : '/requests', { replace: true });
  }, [pathname, staff, me.kind]);

  if (!staff && me.kind !== 'partner') return <NoAccess />;
  if (pathname === '/') return <Loading />;
  if (pathname === '/grants') return <GrantsPage />;
  if (pathname === '/known-issues') return <KnownIssuesPage />;
  if (staff) {
    if (pathname === '/queue') return <QueuePage />;
    if (pathname === '/dashboard') return <DashboardPage />;
    const review = match('/review/:id', pathname) ?? match('/requests/:id', pathname);
    if (review) return <ReviewPage key={review.id} id={review.id} />;
  } else {
    if (pathname === '/requests') return <MyRequestsPage />;
    if (pathname === '/requests/new') return <NewRequestPage />;
    const request = match('/requests/:id', pathname);
    if (request) return <PartnerRequestPage key={request.id} id={request.id} />;
  }
  return (
    <>
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.text')}</p>
    </>
  );
}

function NoAccess() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t('noAccess.title')}</PageHeading>
      <p>{t('noAccess.text')}</p>
    </>
  );
}
