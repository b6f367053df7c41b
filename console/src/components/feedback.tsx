import { useTranslation } from 'react-i18next';
import type { ApiProblem } from '../api/client';
import { problemMessageKey, fieldLabelKey } from './problem-keys';

/** A problem the service answered, as a translated message (from its `code`, never its English detail). */
export function ProblemAlert({ problem, id }: { problem: ApiProblem | null; id?: string }) {
  const { t } = useTranslation();
  if (!problem) return null;
  const { code, errors, requestId, currentStatus } = problem.problem;
  return (
    <div className="alert alert-error" role="alert" id={id} data-problem-code={code}>
      <p>{t(problemMessageKey(code))}</p>
      {currentStatus ? <p>{t('problem.currentStatus', { status: t(`status.${currentStatus}` as never) })}</p> : null}
      {errors && errors.length > 0 ? (
        <ul>
          {errors.map((error) => (
            <li key={`${error.field}:${error.message}`}>
              <strong>{fieldLabelKey(error.field) ? t(fieldLabelKey(error.field)!) : error.field}</strong>: {error.message}
            </li>
          ))}
        </ul>
      ) : null}
      {requestId ? <p className="muted small">{t('problem.requestId', { requestId })}</p> : null}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {t('common.loading')}
    </p>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <div className="empty">{children}</div>;
}

export function Notice({ children, tone = 'info' }: { children: React.ReactNode; tone?: 'info' | 'success' | 'warning' }) {
  return (
    <div className={`alert alert-${tone}`} role="status">
      {children}
    </div>
  );
}
