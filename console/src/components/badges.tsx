import { useTranslation } from 'react-i18next';
import type { ClassificationModel, RequestModel, SlaState } from '../api/client';
import { hoursAndMinutes } from '../lib/time';

export function StatusBadge({ status }: { status: RequestModel['status'] }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>;
}

export function SlaBadge({ state }: { state: SlaState }) {
  const { t } = useTranslation();
  return <span className={`badge sla-${state}`}>{t(`sla.${state}`)}</span>;
}

/** Business time left until the SLA is due (frozen while paused; none once decided). */
export function TimeLeft({ sla }: { sla: RequestModel['sla'] }) {
  const { t } = useTranslation();
  if (sla.remainingBusinessMs === null) return null;
  if (sla.remainingBusinessMs <= 0) return <span className="time-left overdue">{t('sla.overdue')}</span>;
  const { hours, minutes } = hoursAndMinutes(sla.remainingBusinessMs);
  return <span className="time-left">{t('sla.timeLeft', { hours, minutes })}</span>;
}

export function VerdictBadge({ eligibility }: { eligibility: ClassificationModel['eligibility'] }) {
  const { t } = useTranslation();
  return <span className={`badge verdict-${eligibility}`}>{t(`verdict.${eligibility}`)}</span>;
}

export function GrantStatusBadge({ status }: { status: 'active' | 'expired' | 'revoked' }) {
  const { t } = useTranslation();
  return <span className={`badge grant-${status}`}>{t(`grantStatus.${status}`)}</span>;
}
