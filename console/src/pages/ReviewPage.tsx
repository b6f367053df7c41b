import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, idempotencyKey, type RequestModel, type Surface } from '../api/client';
import { Loading, Notice, ProblemAlert } from '../components/feedback';
import { PageHeading } from '../components/Layout';
import { ClassificationPanel, Conversation, DecisionPanel, RequestDetails, RequestSummary, Timeline } from '../components/RequestParts';
import { useConsole } from '../context';
import { defaultGrant, expiryBounds, grantProblems, toGrantSpec, type GrantDraft } from '../lib/grant-builder';
import { useAction, useLoad, useNow } from '../lib/hooks';
import { Link, usePageTitle } from '../lib/router';
import { clock } from '../lib/time';

export function ReviewPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [request, reload] = useLoad(() => call(api.GET('/v1/exception-requests/{id}', { params: { path: { id } } })), [api, id]);
  usePageTitle(request.state === 'ready' ? request.data.title : t('common.loading'));
  if (request.state === 'loading') return <Loading />;
  if (request.state === 'failed') return <ProblemAlert problem={request.problem} />;
  const r = request.data;
  const can = (action: RequestModel['allowedActions'][number]) => r.allowedActions.includes(action);
  return (
    <>
      <p className="breadcrumb-back">
        <Link to="/queue">{t('common.backToQueue')}</Link>
      </p>
      <PageHeading>{r.title}</PageHeading>
      <RequestSummary request={r} />
      <Lease request={r} onChanged={reload} />
      <DecisionPanel request={r} />
      <div className="columns">
        <div>
          {can('decide') ? <DecideForm request={r} onDone={reload} /> : null}
          {can('request_info') ? <RequestInfoForm request={r} onDone={reload} /> : null}
          <Conversation request={r} onPosted={reload} />
          <Timeline request={r} />
        </div>
        <div>
          <ClassificationPanel request={r} />
          <RequestDetails request={r} />
          <p className="muted small">
            {t('grants.tenant')}: <span className="mono">{r.tenantId}</span>
          </p>
        </div>
      </div>
    </>
  );
}

/** Who holds the request, the lease countdown with renew; claim, release and (leads) reassign. */
export function Lease({ request, onChanged }: { request: RequestModel; onChanged: () => void }) {
  const { t } = useTranslation();
  const { api, me } = useConsole();
  const id = useId();
  const now = useNow(1000);
  const can = (action: RequestModel['allowedActions'][number]) => request.allowedActions.includes(action);
  const act = useAction(async (what: 'claim' | 'renew' | 'release') => {
    if (what === 'claim') return call(api.POST('/v1/review-queue/claim', { body: { requestId: request.id } }));
    if (what === 'renew') return call(api.POST('/v1/exception-requests/{id}/claim/renew', { params: { path: { id: request.id } } }));
    return call(api.POST('/v1/exception-requests/{id}/release', { params: { path: { id: request.id } } }));
  });
  const [reassignTo, setReassignTo] = useState('');
  const [reassignName, setReassignName] = useState('');
  const reassign = useAction(() =>
    call(
      api.POST('/v1/exception-requests/{id}/reassign', {
        params: { path: { id: request.id } },
        body: { reviewerId: reassignTo.trim(), ...(reassignName.trim() ? { reviewerName: reassignName.trim() } : {}) },
      }),
    ),
  );
  const open = ['submitted', 'in_review', 'info_requested'].includes(request.status);
  if (!open) return null;
  const holder = request.assignee;
  const mine = holder?.userId === me.userId && holder?.tenantId === me.tenantId;
  const expiresAt = holder?.claimExpiresAt ? Date.parse(holder.claimExpiresAt) : null;
  const left = expiresAt === null ? null : expiresAt - now;
  const run = (what: 'claim' | 'renew' | 'release') => void act.run(what).then((done) => done && onChanged());
  return (
    <section aria-labelledby={`${id}-heading`} className="card lease">
      <h2 id={`${id}-heading`}>{t('lease.heading')}</h2>
      {holder?.name && expiresAt !== null ? (
        mine ? (
          left !== null && left > 0 ? (
            <p data-testid="lease">
              {t('lease.yours')}{' '}
              <span className={`countdown${left < 5 * 60_000 ? ' soon' : ''}`}>{t('lease.lapsesIn', { time: clock(left) })}</span>
            </p>
          ) : (
            <p className="alert alert-warning" role="status">
              {t('lease.lapsed')}
            </p>
          )
        ) : (
          <p>{t('lease.heldBy', { name: holder.name })}</p>
        )
      ) : (
        <p>{t('lease.unclaimed')}</p>
      )}
      <div className="actions">
        {can('claim') ? (
          <button type="button" className="primary" disabled={act.pending} onClick={() => run('claim')}>
            {mine ? t('lease.claimAgain') : t('queue.claimThis')}
          </button>
        ) : null}
        {can('renew_claim') ? (
          <button type="button" className="secondary" disabled={act.pending} onClick={() => run('renew')}>
            {t('lease.renew')}
          </button>
        ) : null}
        {can('release') ? (
          <button type="button" className="secondary" disabled={act.pending} onClick={() => run('release')}>
            {t('lease.release')}
          </button>
        ) : null}
      </div>
      <ProblemAlert problem={act.problem} />
      {can('reassign') ? (
        <details>
          <summary>{t('lease.reassign')}</summary>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void reassign.run().then((done) => done && onChanged());
            }}
          >
            <div className="field">
              <label htmlFor={`${id}-reviewer`}>{t('lease.reviewerId')}</label>
              <input id={`${id}-reviewer`} value={reassignTo} onChange={(e) => setReassignTo(e.target.value)} spellCheck={false} required />
            </div>
            <div className="field">
              <label htmlFor={`${id}-reviewer-name`}>{t('lease.reviewerName')}</label>
              <input id={`${id}-reviewer-name`} value={reassignName} onChange={(e) => setReassignName(e.target.value)} />
            </div>
            <ProblemAlert problem={reassign.problem} />
            <button type="submit" className="secondary" disabled={reassign.pending}>
              {t('lease.reassignButton')}
            </button>
          </form>
        </details>
      ) : null}
    </section>
  );
}

function RequestInfoForm({ request, onDone }: { request: RequestModel; onDone: () => void }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const id = useId();
  const [message, setMessage] = useState('');
  const ask = useAction(() =>
    call(
      api.POST('/v1/exception-requests/{id}/request-info', {
        params: { path: { id: request.id }, header: { 'Idempotency-Key': idempotencyKey() } },
        body: { message },
      }),
    ),
  );
  return (
    <section aria-labelledby={`${id}-heading`} className="card">
      <h2 id={`${id}-heading`}>{t('requestInfo.heading')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void ask.run().then((done) => {
            if (done) {
              setMessage('');
              onDone();
            }
          });
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-message`}>{t('requestInfo.label')}</label>
          <textarea
            id={`${id}-message`}
            rows={3}
            maxLength={8000}
            required
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            aria-describedby={`${id}-hint`}
          />
          <p className="hint" id={`${id}-hint`}>
            {t('requestInfo.hint')}
          </p>
        </div>
        <ProblemAlert problem={ask.problem} />
        <button type="submit" className="secondary" disabled={ask.pending || !message.trim()}>
          {t('requestInfo.button')}
        </button>
      </form>
    </section>
  );
}

export function DecideForm({ request, onDone, now = Date.now() }: { request: RequestModel; onDone: () => void; now?: number }) {
  const { t } = useTranslation();
  const { api, settings } = useConsole();
  const id = useId();
  const [outcome, setOutcome] = useState<'approved' | 'rejected' | ''>('');
  const [reason, setReason] = useState('');
  const [knownIssue, setKnownIssue] = useState<string>(
    request.classification.knownIssue === null ? 'none' : String(request.classification.knownIssue),
  );
  const [draft, setDraft] = useState<GrantDraft>(() => defaultGrant(request, now, settings.grantMaxDays));
  const bounds = useMemo(() => expiryBounds(now, settings.grantMaxDays), [now, settings.grantMaxDays]);
  const grantIssues = outcome === 'approved' ? grantProblems(draft, request, now, settings.grantMaxDays) : [];
  const decide = useAction(() =>
    call(
      api.POST('/v1/exception-requests/{id}/decision', {
        params: { path: { id: request.id }, header: { 'Idempotency-Key': idempotencyKey() } },
        body: {
          outcome: outcome as 'approved' | 'rejected',
          reason,
          knownIssue: knownIssue === 'none' ? null : Number(knownIssue),
          ...(outcome === 'approved' ? { grant: toGrantSpec(draft, request, now, settings.grantMaxDays)! } : {}),
        },
      }),
    ),
  );
  const toggle = <T,>(list: readonly T[], item: T, on: boolean): T[] =>
    on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
  return (
    <section aria-labelledby={`${id}-heading`} className="card">
      <h2 id={`${id}-heading`}>{t('decide.heading')}</h2>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!outcome || !reason.trim() || grantIssues.length > 0) return;
          void decide.run().then((done) => done && onDone());
        }}
      >
        <fieldset className="field">
          <legend>{t('decide.outcome')}</legend>
          {(['approved', 'rejected'] as const).map((value) => (
            <div className="check" key={value}>
              <input
                type="radio"
                id={`${id}-${value}`}
                name={`${id}-outcome`}
                checked={outcome === value}
                onChange={() => setOutcome(value)}
              />
              <label htmlFor={`${id}-${value}`}>{t(`decide.${value}`)}</label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-known-issue`}>{t('decide.knownIssue')}</label>
          <select id={`${id}-known-issue`} value={knownIssue} onChange={(e) => setKnownIssue(e.target.value)}>
            <option value="none">{t('request.noKnownIssue')}</option>
            {[1, 2, 3, 4, 5, 6, 7].map((n) => (
              <option key={n} value={String(n)}>
                {t('knownIssue.number', { number: n })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('decide.reason')}</label>
          <textarea id={`${id}-reason`} rows={3} maxLength={4000} required value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        {outcome === 'approved' ? (
          <GrantBuilder request={request} draft={draft} onChange={setDraft} bounds={bounds} problems={grantIssues} toggle={toggle} />
        ) : null}
        <ProblemAlert problem={decide.problem} />
        <button type="submit" className="primary" disabled={decide.pending || !outcome || !reason.trim() || grantIssues.length > 0}>
          {outcome === 'approved' ? t('decide.approveButton') : outcome === 'rejected' ? t('decide.rejectButton') : t('decide.button')}
        </button>
      </form>
    </section>
  );
}

export function GrantBuilder({
  request,
  draft,
  onChange,
  bounds,
  problems,
  toggle,
}: {
  request: RequestModel;
  draft: GrantDraft;
  onChange: (draft: GrantDraft) => void;
  bounds: { min: string; max: string };
  problems: readonly string[];
  toggle: <T>(list: readonly T[], item: T, on: boolean) => T[];
}) {
  const { t } = useTranslation();
  const { settings } = useConsole();
  const id = useId();
  return (
    <fieldset className="grant-builder" aria-describedby={problems.length ? `${id}-problems` : undefined}>
      <legend>{t('grantBuilder.heading')}</legend>
      <fieldset className="field">
        <legend>{t('grants.accounts')}</legend>
        {request.affectedUserIds.map((user) => (
          <div className="check" key={user}>
            <input
              type="checkbox"
              id={`${id}-user-${user}`}
              checked={draft.userIds.includes(user)}
              onChange={(e) => onChange({ ...draft, userIds: toggle(draft.userIds, user, e.target.checked) })}
            />
            <label htmlFor={`${id}-user-${user}`} className="mono">
              {user}
            </label>
          </div>
        ))}
      </fieldset>
      <fieldset className="field">
        <legend>{t('field.surfaces')}</legend>
        {request.surfaces.map((surface: Surface) => (
          <div className="check" key={surface}>
            <input
              type="checkbox"
              id={`${id}-surface-${surface}`}
              checked={draft.surfaces.includes(surface)}
              onChange={(e) => onChange({ ...draft, surfaces: toggle(draft.surfaces, surface, e.target.checked) })}
            />
            <label htmlFor={`${id}-surface-${surface}`}>{t(`surface.${surface}`)}</label>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-expires`}>{t('grantBuilder.expiresOn')}</label>
        <input
          type="date"
          id={`${id}-expires`}
          min={bounds.min}
          max={bounds.max}
          value={draft.expiresOn}
          onChange={(e) => onChange({ ...draft, expiresOn: e.target.value })}
          aria-describedby={`${id}-expires-hint`}
        />
        <p className="hint" id={`${id}-expires-hint`}>
          {t('grantBuilder.expiresHint', { days: settings.grantMaxDays, max: bounds.max })}
        </p>
      </div>
      {problems.length > 0 ? (
        <ul className="field-error" id={`${id}-problems`} data-testid="grant-problems">
          {problems.map((problem) => (
            <li key={problem}>{t(problem as 'grant.noUsers', { days: settings.grantMaxDays })}</li>
          ))}
        </ul>
      ) : (
        <Notice>
          {t('grantBuilder.summary', { users: draft.userIds.length, surfaces: draft.surfaces.length, date: draft.expiresOn })}
        </Notice>
      )}
    </fieldset>
  );
}
