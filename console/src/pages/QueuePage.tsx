import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, call, type RequestModel } from '../api/client';
import { SlaBadge, StatusBadge, TimeLeft, VerdictBadge } from '../components/badges';
import { Empty, Loading, Notice, ProblemAlert } from '../components/feedback';
import { PageHeading } from '../components/Layout';
import { useConsole } from '../context';
import { asProblem, useLoad } from '../lib/hooks';
import { Link, navigate, usePageTitle } from '../lib/router';
import { formatDateTime } from '../lib/time';

type View = 'waiting' | 'mine' | 'open';
const VIEWS: readonly View[] = ['waiting', 'mine', 'open'];

export function QueuePage() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  usePageTitle(t('queue.title'));
  const [view, setView] = useState<View>('waiting');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [nothing, setNothing] = useState(false);
  const [busy, setBusy] = useState(false);
  const query =
    view === 'waiting'
      ? { assignee: 'none' }
      : view === 'mine'
        ? { assignee: 'me' }
        : { status: ['submitted', 'in_review', 'info_requested'] };
  const [requests, reload] = useLoad(
    () =>
      call(api.GET('/v1/exception-requests', { params: { query: { limit: 100, sort: 'sla.dueAt', ...query } } })).then(
        (page) => page.items,
      ),
    [api, view],
  );

  const claim = async (requestId?: string) => {
    setBusy(true);
    setProblem(null);
    setNothing(false);
    try {
      const { data, error, response } = await api.POST('/v1/review-queue/claim', { body: requestId ? { requestId } : {} });
      if (error) throw new ApiProblem({ ...error, code: error.code });
      if (response.status === 204 || !data) {
        setNothing(true);
        reload();
      } else navigate(`/review/${data.id}`);
    } catch (error) {
      setProblem(asProblem(error));
      reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading>{t('queue.title')}</PageHeading>
      <p>{t('queue.intro')}</p>
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void claim()}>
          {t('queue.claimNext')}
        </button>
        <button type="button" className="secondary" onClick={reload}>
          {t('common.refresh')}
        </button>
      </div>
      {nothing ? <Notice>{t('queue.nothingWaiting')}</Notice> : null}
      <ProblemAlert problem={problem} />
      <div className="tabs" role="group" aria-label={t('queue.views')}>
        {VIEWS.map((v) => (
          <button key={v} type="button" aria-pressed={view === v} className={view === v ? 'tab current' : 'tab'} onClick={() => setView(v)}>
            {t(`queue.view.${v}`)}
          </button>
        ))}
      </div>
      {requests.state === 'loading' ? <Loading /> : null}
      {requests.state === 'failed' ? <ProblemAlert problem={requests.problem} /> : null}
      {requests.state === 'ready' && requests.data.length === 0 ? <Empty>{t(`queue.empty.${view}`)}</Empty> : null}
      {requests.state === 'ready' && requests.data.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t(`queue.view.${view}`)}>
          <table className="list queue">
            <caption className="visually-hidden">{t('queue.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('queue.due')}</th>
                <th scope="col">{t('field.title')}</th>
                <th scope="col">{t('request.knownIssue')}</th>
                <th scope="col">{t('request.status')}</th>
                <th scope="col">{t('request.reviewer')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('queue.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {requests.data.map((request: RequestModel) => (
                <tr key={request.id} data-request-id={request.id} className={`sla-row-${request.sla.state}`}>
                  <td>
                    <SlaBadge state={request.sla.state} />
                    <br />
                    <TimeLeft sla={request.sla} />
                    <br />
                    <time className="muted small" dateTime={request.sla.dueAt}>
                      {formatDateTime(request.sla.dueAt, i18n.language)}
                    </time>
                  </td>
                  <td>
                    <Link to={`/review/${request.id}`}>{request.title}</Link>
                    <br />
                    <span className="muted small mono">{request.tenantId}</span>
                  </td>
                  <td>
                    {request.classification.knownIssue === null ? t('request.noKnownIssue') : `#${request.classification.knownIssue}`}{' '}
                    <VerdictBadge eligibility={request.classification.eligibility} />
                  </td>
                  <td>
                    <StatusBadge status={request.status} />
                  </td>
                  <td>{request.assignee?.name ?? t('queue.unclaimed')}</td>
                  <td>
                    {request.allowedActions.includes('claim') ? (
                      <button
                        type="button"
                        className="secondary small"
                        disabled={busy}
                        onClick={() => void claim(request.id)}
                        aria-label={t('queue.claimThisNamed', { title: request.title })}
                      >
                        {t('queue.claimThis')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
