import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeModel } from '../api/client';
import { isStaff } from '../context';
import { rememberLanguage, type Language } from '../i18n';
import { Link, usePath } from '../lib/router';

interface NavItem {
  readonly to: string;
  readonly label: 'nav.myRequests' | 'nav.newRequest' | 'nav.knownIssues' | 'nav.grants' | 'nav.queue' | 'nav.dashboard';
}

const PARTNER_NAV: readonly NavItem[] = [
  { to: '/requests', label: 'nav.myRequests' },
  { to: '/requests/new', label: 'nav.newRequest' },
  { to: '/known-issues', label: 'nav.knownIssues' },
  { to: '/grants', label: 'nav.grants' },
];
const REVIEWER_NAV: readonly NavItem[] = [
  { to: '/queue', label: 'nav.queue' },
  { to: '/grants', label: 'nav.grants' },
  { to: '/dashboard', label: 'nav.dashboard' },
  { to: '/known-issues', label: 'nav.knownIssues' },
];

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other: Language = i18n.language === 'ja' ? 'en' : 'ja';
  return (
    <button
      type="button"
      className="link-button"
      lang={other}
      onClick={() => {
        rememberLanguage(other);
        void i18n.changeLanguage(other);
      }}
    >
      {t('language.switchTo')}
    </button>
  );
}

export function Layout({ me, onSignOut, children }: { me: MeModel | null; onSignOut?: () => void; children: React.ReactNode }) {
  const { t } = useTranslation();
  const path = usePath().split('?')[0];
  const items = me ? (isStaff(me) ? REVIEWER_NAV : me.kind === 'partner' ? PARTNER_NAV : []) : [];
  const current = items
    .filter((item) => path === item.to || path.startsWith(`${item.to}/`))
    .sort((a, b) => b.to.length - a.to.length)[0]?.to;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="site-header">
        <div className="header-row">
          <Link to="/" className="brand">
            {t('app.name')}
          </Link>
          <div className="header-tools">
            {me ? (
              <span className="who">
                {me.name ?? me.upn} · {t(`kind.${me.kind}`)}
              </span>
            ) : null}
            <LanguageSwitch />
            {onSignOut ? (
              <button type="button" className="link-button" onClick={onSignOut}>
                {t('auth.signOut')}
              </button>
            ) : null}
          </div>
        </div>
        {items.length > 0 ? (
          <nav aria-label={t('nav.label')} className="main-nav">
            <ul>
              {items.map((item) => (
                <li key={item.to}>
                  <Link to={item.to} aria-current={current === item.to ? 'page' : undefined}>
                    {t(item.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}

/** The page's one h1, focused when the page changes so screen readers announce it. */
export function PageHeading({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Only after a move inside the console: on first load the browser starts at the top anyway.
    if (document.activeElement && document.activeElement !== document.body) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 tabIndex={-1} ref={ref} className="page-heading">
      {children}
    </h1>
  );
}
