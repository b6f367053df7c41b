import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, type GrantModel } from '../api/client';
import { GrantStatusBadge } from '../components/badges';
import { Empty, Loading, ProblemAlert } from '../components/feedback';
import { PageHeading } from '../components/Layout';
import { isStaff, useConsole } from '../context';
import { useAction, useLoad, useNow } from '../lib/hooks';
import { Link, usePageTitle } from '../lib/router';
import { daysUntil, formatDateTime } from '../lib/time';

export function GrantsPage() {
  const { t } = useTranslation();
  const { api, me } = useConsole();
  const staff = isStaff(me);
  usePageTitle(t('grants.title'));
  const [status, setStatus] = useState<'' | 'active' | 'expired' | 'revoked'>('');
  const [grants, reload] = useLoad(
    () =>
      call(api.GET('/v1/exception-grants', { params: { query: { limit: 200, ...(status ? { status: [status] } : {}) } } })).then(
        (page) => page.items,
      ),
    [api, status],
  );
  const id = useId();
  return (
    <>
      <PageHeading>{t('grants.title')}</PageHeading>
      <p>{staff ? t('grants.introStaff') : t('grants.introPartner')}</p>
      <div className="field inline">
        <label htmlFor={`${id}-status`}>{t('grants.filter')}</label>
        <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
          <option value="">{t('grants.all')}</option>
          <option value="active">{t('grantStatus.active')}</option>
          <option value="expired">{t('grantStatus.expired')}</option>
          <option value="revoked">{t('grantStatus.revoked')}</option>
        </select>
      </div>
      {grants.state === 'loading' ? <Loading /> : null}
      {grants.state === 'failed' ? <ProblemAlert problem={grants.problem} /> : null}
      {grants.state === 'ready' && grants.data.length === 0 ? <Empty>{t('grants.empty')}</Empty> : null}
      {grants.state === 'ready' && grants.data.length > 0 ? (
        <ul className="cards">
          {grants.data.map((grant) => (
            <GrantCard key={grant.id} grant={grant} staff={staff} onChanged={reload} />
          ))}
        </ul>
      ) : null}
    </>
  );
}

function GrantCard({ grant, staff, onChanged }: { grant: GrantModel; staff: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const now = useNow(60_000);
  const id = useId();
  const [revoking, setRevoking] = useState(false);
  const [reason, setReason] = useState('');
  const revoke = useAction(() =>
    call(api.POST('/v1/exception-grants/{id}/revoke', { params: { path: { id: grant.id } }, body: { reason } })),
  );
  return (
    <li className="card grant" data-grant-id={grant.id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="h3">
        {t('grants.grantFor', { n: grant.userIds.length })} <GrantStatusBadge status={grant.status} />
      </h2>
      <dl className="details">
        <div>
          <dt>{t('grants.expires')}</dt>
          <dd>
            <time dateTime={grant.expiresAt}>{formatDateTime(grant.expiresAt, i18n.language)}</time>
            {grant.status === 'active' ? (
              <span className="muted"> · {t('grants.daysLeft', { days: daysUntil(grant.expiresAt, now) })}</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('field.surfaces')}</dt>
          <dd>{grant.surfaces.map((s) => t(`surface.${s}`)).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('grants.accounts')}</dt>
          <dd>
            <ul className="plain mono">
              {grant.userIds.map((user) => (
                <li key={user}>{user}</li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t('grants.validFrom')}</dt>
          <dd>
            <time dateTime={grant.validFrom}>{formatDateTime(grant.validFrom, i18n.language)}</time>
            {grant.createdBy.name ? ` · ${t('grants.approvedBy', { name: grant.createdBy.name })}` : ''}
          </dd>
        </div>
        {staff ? (
          <div>
            <dt>{t('grants.tenant')}</dt>
            <dd className="mono">{grant.tenantId}</dd>
          </div>
        ) : null}
        {staff ? (
          <div>
            <dt>{t('grants.uses')}</dt>
            <dd>
              {grant.lastUsedAt
                ? t('grants.usesLast', { n: grant.useCount, when: formatDateTime(grant.lastUsedAt, i18n.language) })
                : t('grants.unused')}
            </dd>
          </div>
        ) : null}
        {grant.revokedAt ? (
          <div>
            <dt>{t('grantStatus.revoked')}</dt>
            <dd>
              <time dateTime={grant.revokedAt}>{formatDateTime(grant.revokedAt, i18n.language)}</time>
              {grant.revokeReason ? ` · ${grant.revokeReason}` : ''}
            </dd>
          </div>
        ) : null}
      </dl>
      <p>
        <Link to={staff ? `/review/${grant.requestId}` : `/requests/${grant.requestId}`}>{t('grants.openRequest')}</Link>
      </p>
      {staff && grant.status === 'active' ? (
        revoking ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void revoke.run().then((done) => done && onChanged());
            }}
          >
            <div className="field">
              <label htmlFor={`${id}-reason`}>{t('grants.revokeReason')}</label>
              <textarea id={`${id}-reason`} rows={2} required value={reason} onChange={(e) => setReason(e.target.value)} />
            </div>
            <ProblemAlert problem={revoke.problem} />
            <div className="actions">
              <button type="submit" className="danger" disabled={revoke.pending || !reason.trim()}>
                {t('grants.revokeConfirm')}
              </button>
              <button type="button" className="secondary" onClick={() => setRevoking(false)}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className="danger" onClick={() => setRevoking(true)}>
            {t('grants.revoke')}
          </button>
        )
      ) : null}
    </li>
  );
}
