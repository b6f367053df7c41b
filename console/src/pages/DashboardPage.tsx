import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { Loading, ProblemAlert } from '../components/feedback';
import { PageHeading } from '../components/Layout';
import { useConsole } from '../context';
import { useLoad } from '../lib/hooks';
import { Link, usePageTitle } from '../lib/router';

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  usePageTitle(t('dashboard.title'));
  const [stats] = useLoad(() => call(api.GET('/v1/review-queue/stats')), [api]);
  const [report] = useLoad(() => call(api.GET('/v1/reports/classification')), [api]);
  const number = new Intl.NumberFormat(i18n.language === 'ja' ? 'ja-JP' : 'en-GB', { maximumFractionDigits: 1 });
  return (
    <>
      <PageHeading>{t('dashboard.title')}</PageHeading>
      <section aria-labelledby="queue-counts">
        <h2 id="queue-counts">{t('dashboard.queue')}</h2>
        {stats.state === 'loading' ? <Loading /> : null}
        {stats.state === 'failed' ? <ProblemAlert problem={stats.problem} /> : null}
        {stats.state === 'ready' ? (
          <>
            <dl className="stats">
              {(['waiting', 'inReview', 'infoRequested', 'atRisk', 'breached', 'decided'] as const).map((key) => (
                <div key={key} className={`stat stat-${key}`}>
                  <dt>{t(`dashboard.${key}`)}</dt>
                  <dd>{number.format(stats.data[key])}</dd>
                </div>
              ))}
              <div className="stat">
                <dt>{t('dashboard.median')}</dt>
                <dd>
                  {stats.data.medianBusinessHoursToDecision === null
                    ? '–'
                    : t('dashboard.hours', { hours: number.format(stats.data.medianBusinessHoursToDecision) })}
                </dd>
              </div>
            </dl>
            {stats.data.oldestWaiting ? (
              <p>
                {t('dashboard.oldest', { hours: number.format(stats.data.oldestWaiting.businessHoursWaiting) })}{' '}
                <Link to={`/review/${stats.data.oldestWaiting.requestId}`}>{t('dashboard.openOldest')}</Link>
              </p>
            ) : null}
          </>
        ) : null}
      </section>
      <section aria-labelledby="agreement">
        <h2 id="agreement">{t('dashboard.agreement')}</h2>
        {report.state === 'loading' ? <Loading /> : null}
        {report.state === 'failed' ? <ProblemAlert problem={report.problem} /> : null}
        {report.state === 'ready' ? (
          <>
            <p className="big-number">
              {report.data.agreementRate === null
                ? t('dashboard.noDecisions')
                : t('dashboard.agreementRate', {
                    percent: number.format(report.data.agreementRate * 100),
                    agreed: report.data.agreed,
                    decided: report.data.decided,
                  })}
            </p>
            {report.data.decided > 0 ? (
              <div className="table-wrap" tabIndex={0} role="region" aria-label={t('dashboard.confusion')}>
                <table className="confusion">
                  <caption>{t('dashboard.confusion')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('dashboard.classifierSaid')}</th>
                      {report.data.labels.map((label) => (
                        <th scope="col" key={label}>
                          {label === 'none' ? t('dashboard.none') : `#${label}`}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {report.data.labels.map((row) => (
                      <tr key={row}>
                        <th scope="row">{row === 'none' ? t('dashboard.none') : `#${row}`}</th>
                        {report.data.labels.map((col) => (
                          <td key={col} className={row === col ? 'diagonal' : undefined}>
                            {report.data.confusion[row]?.[col] ?? 0}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </>
        ) : null}
      </section>
    </>
  );
}
