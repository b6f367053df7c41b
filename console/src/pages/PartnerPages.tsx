import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, type RequestModel } from '../api/client';
import { SlaBadge, StatusBadge, VerdictBadge } from '../components/badges';
import { Empty, Loading, Notice, ProblemAlert } from '../components/feedback';
import { PageHeading } from '../components/Layout';
import { ClassificationPanel, Conversation, DecisionPanel, RequestDetails, RequestSummary, Timeline } from '../components/RequestParts';
import { useConsole } from '../context';
import { useAction, useLoad } from '../lib/hooks';
import { Link, usePageTitle, usePath } from '../lib/router';
import { formatDateTime } from '../lib/time';
import { KnownIssueList } from './NewRequest';

export function MyRequestsPage() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  usePageTitle(t('myRequests.title'));
  const [cursor, setCursor] = useState<string | null>(null);
  const [pages, setPages] = useState<RequestModel[]>([]);
  const [page] = useLoad(
    () =>
      call(api.GET('/v1/exception-requests', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } })).then((answer) => {
        setPages((before) => (cursor ? [...before, ...answer.items] : answer.items));
        return answer;
      }),
    [api, cursor],
  );
  return (
    <>
      <PageHeading>{t('myRequests.title')}</PageHeading>
      <p>
        <Link to="/requests/new" className="button primary">
          {t('nav.newRequest')}
        </Link>
      </p>
      {page.state === 'failed' ? <ProblemAlert problem={page.problem} /> : null}
      {page.state === 'loading' && pages.length === 0 ? <Loading /> : null}
      {page.state === 'ready' && pages.length === 0 ? (
        <Empty>
          <p>{t('myRequests.empty')}</p>
        </Empty>
      ) : null}
      {pages.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('myRequests.title')}>
          <table className="list">
            <thead>
              <tr>
                <th scope="col">{t('field.title')}</th>
                <th scope="col">{t('request.status')}</th>
                <th scope="col">{t('request.slaDue')}</th>
                <th scope="col">{t('request.knownIssue')}</th>
                <th scope="col">{t('request.filed')}</th>
              </tr>
            </thead>
            <tbody>
              {pages.map((request) => (
                <tr key={request.id} data-request-id={request.id}>
                  <td>
                    <Link to={`/requests/${request.id}`}>{request.title}</Link>
                  </td>
                  <td>
                    <StatusBadge status={request.status} />
                  </td>
                  <td>
                    <time dateTime={request.sla.dueAt}>{formatDateTime(request.sla.dueAt, i18n.language)}</time>{' '}
                    <SlaBadge state={request.sla.state} />
                  </td>
                  <td>
                    {request.classification.knownIssue === null ? t('request.noKnownIssue') : `#${request.classification.knownIssue}`}{' '}
                    <VerdictBadge eligibility={request.classification.eligibility} />
                  </td>
                  <td>
                    <time dateTime={request.createdAt}>{formatDateTime(request.createdAt, i18n.language)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {page.state === 'ready' && page.data.nextCursor ? (
        <button type="button" className="secondary" onClick={() => setCursor(page.data.nextCursor)}>
          {t('common.loadMore')}
        </button>
      ) : null}
    </>
  );
}

export function PartnerRequestPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const path = usePath();
  const [request, reload] = useLoad(() => call(api.GET('/v1/exception-requests/{id}', { params: { path: { id } } })), [api, id]);
  usePageTitle(request.state === 'ready' ? request.data.title : t('common.loading'));
  if (request.state === 'loading') return <Loading />;
  if (request.state === 'failed') return <ProblemAlert problem={request.problem} />;
  const r = request.data;
  return (
    <>
      <p className="breadcrumb-back">
        <Link to="/requests">{t('common.backToRequests')}</Link>
      </p>
      <PageHeading>{r.title}</PageHeading>
      {path.includes('filed=1') ? <Notice tone="success">{t('request.filedNotice')}</Notice> : null}
      <RequestSummary request={r} />
      {r.status === 'approved' && r.grantId ? (
        <Notice tone="success">
          {t('request.approvedNotice')} <Link to="/grants">{t('request.seeGrant')}</Link>
        </Notice>
      ) : null}
      <DecisionPanel request={r} />
      {r.status === 'info_requested' ? <Notice tone="warning">{t('request.infoRequestedNotice')}</Notice> : null}
      <div className="columns">
        <div>
          <Conversation request={r} onPosted={reload} />
          <Timeline request={r} />
        </div>
        <div>
          <ClassificationPanel request={r} />
          <RequestDetails request={r} />
          {r.allowedActions.includes('withdraw') ? <Withdraw request={r} onDone={reload} /> : null}
        </div>
      </div>
    </>
  );
}

function Withdraw({ request, onDone }: { request: RequestModel; onDone: () => void }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const withdraw = useAction(() =>
    call(
      api.POST('/v1/exception-requests/{id}/withdraw', {
        params: { path: { id: request.id } },
        body: reason.trim() ? { reason: reason.trim() } : {},
      }),
    ),
  );
  return (
    <section aria-labelledby={`${id}-heading`} className="card">
      <h2 id={`${id}-heading`}>{t('withdraw.heading')}</h2>
      {!open ? (
        <button type="button" className="danger" onClick={() => setOpen(true)}>
          {t('withdraw.button')}
        </button>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void withdraw.run().then((done) => done && onDone());
          }}
        >
          <p>{t('withdraw.confirmText')}</p>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('withdraw.reason')}</label>
            <textarea id={`${id}-reason`} rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <ProblemAlert problem={withdraw.problem} />
          <div className="actions">
            <button type="submit" className="danger" disabled={withdraw.pending}>
              {t('withdraw.confirm')}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

export function KnownIssuesPage() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  usePageTitle(t('knownIssue.title'));
  const [issues] = useLoad(() => call(api.GET('/v1/known-issues')).then((page) => page.items), [api, i18n.language]);
  return (
    <>
      <PageHeading>{t('knownIssue.title')}</PageHeading>
      <p>{t('knownIssue.intro')}</p>
      {issues.state === 'loading' ? <Loading /> : null}
      {issues.state === 'failed' ? <ProblemAlert problem={issues.problem} /> : null}
      {issues.state === 'ready' ? <KnownIssueList issues={issues.data} /> : null}
    </>
  );
}
