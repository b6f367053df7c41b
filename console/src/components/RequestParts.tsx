import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, idempotencyKey, type AuditEventModel, type MessageModel, type RequestModel } from '../api/client';
import { useConsole, isStaff } from '../context';
import { useAction, useLoad } from '../lib/hooks';
import { formatDateTime } from '../lib/time';
import { SlaBadge, StatusBadge, TimeLeft, VerdictBadge } from './badges';
import { Empty, Loading, ProblemAlert } from './feedback';
import { fieldLabelKey } from './problem-keys';

/** Status, SLA due time and state, as both sides see them. */
export function RequestSummary({ request }: { request: RequestModel }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="summary">
      <div>
        <dt>{t('request.status')}</dt>
        <dd>
          <StatusBadge status={request.status} />
        </dd>
      </div>
      <div>
        <dt>{t('request.slaDue')}</dt>
        <dd>
          <time dateTime={request.sla.dueAt}>{formatDateTime(request.sla.dueAt, i18n.language)}</time>{' '}
          <SlaBadge state={request.sla.state} /> <TimeLeft sla={request.sla} />
        </dd>
      </div>
      <div>
        <dt>{t('request.filed')}</dt>
        <dd>
          <time dateTime={request.createdAt}>{formatDateTime(request.createdAt, i18n.language)}</time>
          {request.submittedBy.name ? ` · ${request.submittedBy.name}` : ''}
        </dd>
      </div>
      {request.assignee?.name ? (
        <div>
          <dt>{t('request.reviewer')}</dt>
          <dd>{request.assignee.name}</dd>
        </div>
      ) : null}
    </dl>
  );
}

export function RequestDetails({ request }: { request: RequestModel }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="details-heading" className="card">
      <h2 id="details-heading">{t('request.detailsHeading')}</h2>
      <dl className="details">
        <div>
          <dt>{t('field.topic')}</dt>
          <dd>{request.topic === 'MFA and secure application model' ? t('newRequest.topicValue') : request.topic}</dd>
        </div>
        <div>
          <dt>{t('field.issueType')}</dt>
          <dd>{request.issueType === 'Submit request for technical exception' ? t('newRequest.issueTypeValue') : request.issueType}</dd>
        </div>
        <div>
          <dt>{t('field.description')}</dt>
          <dd className="prose">{request.description}</dd>
        </div>
        <div>
          <dt>{t('field.affectedUserIds')}</dt>
          <dd>
            <ul className="plain mono">
              {request.affectedUserIds.map((id) => (
                <li key={id}>{id}</li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t('field.surfaces')}</dt>
          <dd>{request.surfaces.map((s) => t(`surface.${s}`)).join(', ')}</dd>
        </div>
        {request.thirdPartyMfa ? (
          <div>
            <dt>{t('newRequest.stepThirdParty')}</dt>
            <dd>
              {request.thirdPartyMfa.provider} · {t(`integration.${request.thirdPartyMfa.integrationMethod}`)} ·{' '}
              {request.thirdPartyMfa.providerConfirmedClaimCannotFlow ? t('request.providerConfirmed') : t('request.providerNotConfirmed')}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('newRequest.stepContact')}</dt>
          <dd>
            {request.contact.name} · {request.contact.email}
            {request.contact.phone ? ` · ${request.contact.phone}` : ''}
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** The classifier's reading: partners see the outcome; reviewers also the signals and candidates. */
export function ClassificationPanel({ request }: { request: RequestModel }) {
  const { t } = useTranslation();
  const c = request.classification;
  return (
    <section aria-labelledby="classification-heading" className="card">
      <h2 id="classification-heading">{t('classification.heading')}</h2>
      <p>
        {c.knownIssue === null ? t('guidance.noMatch') : t('guidance.matched', { number: c.knownIssue })}{' '}
        <VerdictBadge eligibility={c.eligibility} />{' '}
        <span className="muted">{t('classification.confidence', { percent: Math.round(c.confidence * 100) })}</span>
      </p>
      {c.guidance ? <p>{c.guidance}</p> : null}
      {c.missingDetails.length > 0 ? (
        <p>
          {t('guidance.missingHeading')}:{' '}
          {c.missingDetails.map((detail) => (fieldLabelKey(detail) ? t(fieldLabelKey(detail)!) : detail)).join(', ')}
        </p>
      ) : null}
      {c.abstainReason ? <p className="muted">{t('classification.abstain', { reason: c.abstainReason })}</p> : null}
      {c.candidates && c.candidates.length > 0 ? (
        <p>
          {t('classification.candidates')}: {c.candidates.map((x) => `#${x.knownIssue} (${x.score})`).join(', ')}
        </p>
      ) : null}
      {c.signals && c.signals.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('classification.signals')}>
          <table>
            <caption>{t('classification.signals')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('classification.signal')}</th>
                <th scope="col">{t('classification.match')}</th>
                <th scope="col">{t('classification.weights')}</th>
              </tr>
            </thead>
            <tbody>
              {c.signals.map((signal, index) => (
                <tr key={`${signal.id}-${index}`}>
                  <td className="mono">{signal.id}</td>
                  <td>{signal.match}</td>
                  <td className="mono">
                    {Object.entries(signal.weights)
                      .map(([issue, weight]) => `#${issue}: ${weight > 0 ? '+' : ''}${weight}`)
                      .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export function DecisionPanel({ request }: { request: RequestModel }) {
  const { t, i18n } = useTranslation();
  if (!request.decision) return null;
  const d = request.decision;
  return (
    <section aria-labelledby="decision-heading" className={`card decision decision-${d.outcome}`}>
      <h2 id="decision-heading">{t('decision.heading')}</h2>
      <p>
        <strong>{t(`decision.${d.outcome}`)}</strong> · <time dateTime={d.decidedAt}>{formatDateTime(d.decidedAt, i18n.language)}</time>
        {d.decidedBy.name ? ` · ${d.decidedBy.name}` : ''}
      </p>
      <p className="prose">{d.reason}</p>
    </section>
  );
}

/** The conversation: messages oldest first, and a box to write one when the request allows it. */
export function Conversation({ request, onPosted }: { request: RequestModel; onPosted: () => void }) {
  const { t, i18n } = useTranslation();
  const { api, me } = useConsole();
  const id = useId();
  const staff = isStaff(me);
  const [messages, reload] = useLoad(
    () =>
      call(api.GET('/v1/exception-requests/{id}/messages', { params: { path: { id: request.id }, query: { limit: 200 } } })).then(
        (page) => page.items,
      ),
    [api, request.id, request.updatedAt],
  );
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const post = useAction(async () =>
    call(
      api.POST('/v1/exception-requests/{id}/messages', {
        params: { path: { id: request.id }, header: { 'Idempotency-Key': idempotencyKey() } },
        body: { body, ...(staff ? { internal } : {}) },
      }),
    ),
  );
  const answering = !staff && request.status === 'info_requested';
  const canWrite = request.allowedActions.includes('message');
  return (
    <section aria-labelledby={`${id}-heading`} className="card">
      <h2 id={`${id}-heading`}>{t('conversation.heading')}</h2>
      {messages.state === 'loading' ? <Loading /> : null}
      {messages.state === 'failed' ? <ProblemAlert problem={messages.problem} /> : null}
      {messages.state === 'ready' && messages.data.length === 0 ? <Empty>{t('conversation.empty')}</Empty> : null}
      {messages.state === 'ready' && messages.data.length > 0 ? (
        <ol className="messages">
          {messages.data.map((message: MessageModel) => (
            <li
              key={message.id}
              className={`message from-${message.author.kind}${message.internal ? ' internal' : ''}`}
              data-internal={message.internal || undefined}
            >
              <p className="message-meta">
                <strong>{message.author.name ?? t(`actor.${message.author.kind}`)}</strong> ·{' '}
                <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, i18n.language)}</time>
                {message.internal ? <span className="badge internal-badge">{t('conversation.internalNote')}</span> : null}
              </p>
              <p className="prose">{message.body}</p>
            </li>
          ))}
        </ol>
      ) : null}
      {canWrite ? (
        <form
          className="composer"
          onSubmit={(event) => {
            event.preventDefault();
            void post.run().then((posted) => {
              if (posted) {
                setBody('');
                setInternal(false);
                reload();
                onPosted();
              }
            });
          }}
        >
          {answering ? (
            <div className="alert alert-warning" role="status">
              {t('conversation.infoRequested')}
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={`${id}-body`}>{answering ? t('conversation.answerLabel') : t('conversation.messageLabel')}</label>
            <textarea id={`${id}-body`} rows={4} maxLength={8000} value={body} onChange={(e) => setBody(e.target.value)} required />
          </div>
          {staff ? (
            <div className="check">
              <input type="checkbox" id={`${id}-internal`} checked={internal} onChange={(e) => setInternal(e.target.checked)} />
              <label htmlFor={`${id}-internal`}>{t('conversation.internalLabel')}</label>
            </div>
          ) : null}
          <ProblemAlert problem={post.problem} />
          <button type="submit" className="primary" disabled={post.pending || !body.trim()}>
            {answering ? t('conversation.sendAnswer') : internal ? t('conversation.addNote') : t('conversation.send')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** The audit trail, oldest first. */
export function Timeline({ request }: { request: RequestModel }) {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const id = useId();
  const [events] = useLoad(
    () =>
      call(api.GET('/v1/exception-requests/{id}/events', { params: { path: { id: request.id }, query: { limit: 200 } } })).then(
        (page) => page.items,
      ),
    [api, request.id, request.updatedAt],
  );
  return (
    <section aria-labelledby={`${id}-heading`} className="card">
      <h2 id={`${id}-heading`}>{t('timeline.heading')}</h2>
      {events.state === 'loading' ? <Loading /> : null}
      {events.state === 'failed' ? <ProblemAlert problem={events.problem} /> : null}
      {events.state === 'ready' ? (
        <ol className="timeline">
          {events.data.map((event: AuditEventModel) => (
            <li key={event.id}>
              <time dateTime={event.at}>{formatDateTime(event.at, i18n.language)}</time> <strong>{t(`event.${event.type}`)}</strong>{' '}
              <span className="muted">
                {t(`actor.${event.actor.kind}`)}
                {event.from && event.to ? ` · ${label(t, event.from)} → ${label(t, event.to)}` : ''}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function label(t: (key: never) => string, value: string): string {
  const key = `status.${value}`;
  const sla = `sla.${value}`;
  const text = t(key as never);
  if (text !== key) return text;
  const slaText = t(sla as never);
  return slaText !== sla ? slaText : value;
}
