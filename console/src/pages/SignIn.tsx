import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { developmentSignIn, oidcSignIn, type Session } from '../auth/session';
import type { ConsoleSettings } from '../auth/settings';
import { PageHeading } from '../components/Layout';

const STAFF = ['Exceptions.Reviewer', 'Exceptions.ReviewLead'];
const ROLES = ['Partner.AdminAgent', 'Partner.GlobalAdmin', 'Exceptions.Reviewer', 'Exceptions.ReviewLead'] as const;

export function SignInPage({
  settings,
  onSignedIn,
  expired,
}: {
  settings: ConsoleSettings;
  onSignedIn: (session: Session) => void;
  expired: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <PageHeading>{t('auth.title')}</PageHeading>
      {expired ? (
        <div className="alert alert-warning" role="status">
          {t('auth.expired')}
        </div>
      ) : null}
      <p>{t('auth.intro')}</p>
      {settings.oidc ? (
        <section className="card" aria-labelledby="oidc-heading">
          <h2 id="oidc-heading">{t('auth.oidcHeading')}</h2>
          <p>{t('auth.oidcText')}</p>
          <button
            type="button"
            className="primary"
            onClick={() => void oidcSignIn(settings.oidc!, window.location.pathname.replace(/^\/console/, '') || '/')}
          >
            {t('auth.oidcButton')}
          </button>
        </section>
      ) : null}
      {settings.devSignIn ? <DevelopmentSignIn settings={settings.devSignIn} onSignedIn={onSignedIn} /> : null}
      {!settings.oidc && !settings.devSignIn ? <p className="alert alert-error">{t('auth.notConfigured')}</p> : null}
    </div>
  );
}

function DevelopmentSignIn({
  settings,
  onSignedIn,
}: {
  settings: NonNullable<ConsoleSettings['devSignIn']>;
  onSignedIn: (session: Session) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [role, setRole] = useState<string>(ROLES[0]);
  const [tenantId, setTenantId] = useState(settings.partnerTenantId);
  const [name, setName] = useState('');
  const [failed, setFailed] = useState(false);
  const [pending, setPending] = useState(false);
  const changeRole = (next: string) => {
    // Staff roles count only in the platform's own directory: switch the tenant with the role.
    if (STAFF.includes(next) && tenantId === settings.partnerTenantId) setTenantId(settings.platformTenantId);
    if (!STAFF.includes(next) && tenantId === settings.platformTenantId) setTenantId(settings.partnerTenantId);
    setRole(next);
  };
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('auth.devHeading')}</h2>
      <p>{t('auth.devText')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setPending(true);
          setFailed(false);
          developmentSignIn({ role, tenantId, name }).then(onSignedIn, () => {
            setFailed(true);
            setPending(false);
          });
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('auth.role')}</label>
          <select id={`${id}-role`} value={role} onChange={(event) => changeRole(event.target.value)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-tenant`}>{t('auth.tenant')}</label>
          <input
            id={`${id}-tenant`}
            value={tenantId}
            onChange={(event) => setTenantId(event.target.value)}
            aria-describedby={`${id}-tenant-hint`}
            spellCheck={false}
          />
          <p className="hint" id={`${id}-tenant-hint`}>
            {t('auth.tenantHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('auth.name')}</label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(event) => setName(event.target.value)}
            autoComplete="name"
            aria-describedby={`${id}-name-hint`}
          />
          <p className="hint" id={`${id}-name-hint`}>
            {t('auth.nameHint')}
          </p>
        </div>
        {failed ? (
          <p className="alert alert-error" role="alert">
            {t('auth.devFailed')}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={pending}>
          {t('auth.devButton')}
        </button>
      </form>
    </section>
  );
}
