import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  call,
  idempotencyKey,
  SURFACES,
  type ApiProblem,
  type ClassificationModel,
  type KnownIssueModel,
  type Schemas,
  type Surface,
} from '../api/client';
import { VerdictBadge } from '../components/badges';
import { Loading, ProblemAlert } from '../components/feedback';
import { fieldLabelKey } from '../components/problem-keys';
import { PageHeading } from '../components/Layout';
import { useConsole } from '../context';
import { asProblem, useDebounced, useLoad } from '../lib/hooks';
import { navigate, Link, usePageTitle } from '../lib/router';

export const TOPIC = 'MFA and secure application model';
export const ISSUE_TYPE = 'Submit request for technical exception';
/** How long typing must pause before the draft is prechecked. */
export const PRECHECK_DELAY_MS = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Draft {
  title: string;
  description: string;
  accounts: string;
  surfaces: Surface[];
  thirdParty: boolean;
  provider: string;
  integrationMethod: '' | 'identity_federation' | 'custom_controls';
  providerConfirmed: boolean;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

const EMPTY: Draft = {
  title: '',
  description: '',
  accounts: '',
  surfaces: [],
  thirdParty: false,
  provider: '',
  integrationMethod: '',
  providerConfirmed: false,
  contactName: '',
  contactEmail: '',
  contactPhone: '',
};

export function accountIds(text: string): { valid: string[]; invalid: string[] } {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  return {
    valid: [...new Set(parts.filter((p) => UUID.test(p)).map((p) => p.toLowerCase()))],
    invalid: parts.filter((p) => !UUID.test(p)),
  };
}

function thirdPartyMfa(draft: Draft): Schemas['ThirdPartyMfaDto'] | undefined {
  if (!draft.thirdParty || !draft.provider.trim() || !draft.integrationMethod) return undefined;
  return {
    provider: draft.provider.trim(),
    integrationMethod: draft.integrationMethod,
    providerConfirmedClaimCannotFlow: draft.providerConfirmed,
  };
}

/** The part of the draft the classifier reads: what the precheck is sent. */
function precheckBody(draft: Draft): Schemas['PrecheckRequestDto'] | null {
  if (!draft.title.trim() && !draft.description.trim()) return null;
  return {
    topic: TOPIC,
    issueType: ISSUE_TYPE,
    ...(draft.title.trim() ? { title: draft.title } : {}),
    ...(draft.description.trim() ? { description: draft.description } : {}),
    ...(draft.surfaces.length ? { surfaces: draft.surfaces } : {}),
    ...(accountIds(draft.accounts).valid.length ? { affectedUserIds: accountIds(draft.accounts).valid } : {}),
    ...(thirdPartyMfa(draft) ? { thirdPartyMfa: thirdPartyMfa(draft) } : {}),
  };
}

export function NewRequestPage() {
  const { t, i18n } = useTranslation();
  const { api, me } = useConsole();
  const id = useId();
  usePageTitle(t('newRequest.title'));
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [pending, setPending] = useState(false);
  const key = useRef(idempotencyKey());
  const set = <K extends keyof Draft>(name: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [name]: value }));
    key.current = idempotencyKey(); // a changed form is a new submission
  };
  const accounts = accountIds(draft.accounts);
  const fieldErrors = useMemo(() => {
    const map = new Map<string, string>();
    for (const error of problem?.problem.errors ?? []) map.set(error.field.replace(/\[\d+\]/, ''), error.message);
    return map;
  }, [problem]);
  const describedBy = (field: string, hint?: string) =>
    [hint, fieldErrors.has(field) ? `${id}-${field}-error` : null].filter(Boolean).join(' ') || undefined;
  const errorOf = (field: string) =>
    fieldErrors.has(field) ? (
      <p className="field-error" id={`${id}-${field}-error`}>
        {fieldErrors.get(field)}
      </p>
    ) : null;

  const submit = async () => {
    setPending(true);
    setProblem(null);
    try {
      const created = await call(
        api.POST('/v1/exception-requests', {
          params: { header: { 'Idempotency-Key': key.current } },
          body: {
            topic: TOPIC,
            issueType: ISSUE_TYPE,
            title: draft.title,
            description: draft.description,
            affectedUserIds: accounts.valid,
            surfaces: draft.surfaces,
            ...(draft.thirdParty && thirdPartyMfa(draft) ? { thirdPartyMfa: thirdPartyMfa(draft) } : {}),
            contact: {
              name: draft.contactName,
              email: draft.contactEmail,
              ...(draft.contactPhone.trim() ? { phone: draft.contactPhone.trim() } : {}),
            },
          },
        }),
      );
      navigate(`/requests/${created.id}?filed=1`);
    } catch (error) {
      setProblem(asProblem(error));
      setPending(false);
    }
  };

  return (
    <div className="with-aside">
      <div>
        <nav aria-label={t('newRequest.breadcrumb')} className="breadcrumb">
          <ol>
            <li>{t('newRequest.crumbSupport')}</li>
            <li>
              <Link to="/requests">{t('newRequest.crumbPartnerSupport')}</Link>
            </li>
            <li aria-current="page">{t('newRequest.crumbNew')}</li>
          </ol>
        </nav>
        <PageHeading>{t('newRequest.title')}</PageHeading>
        <p>{t('newRequest.intro')}</p>
        <KnownIssuesFirst />
        <form
          noValidate
          aria-describedby={problem ? `${id}-problem` : undefined}
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <fieldset>
            <legend>{t('newRequest.stepTopic')}</legend>
            <dl className="fixed-fields">
              <div>
                <dt>{t('field.topic')}</dt>
                <dd data-testid="topic">{t('newRequest.topicValue')}</dd>
              </div>
              <div>
                <dt>{t('field.issueType')}</dt>
                <dd data-testid="issue-type">{t('newRequest.issueTypeValue')}</dd>
              </div>
            </dl>
            <p className="hint">{t('newRequest.fixedHint')}</p>
          </fieldset>

          <fieldset>
            <legend>{t('newRequest.stepDetails')}</legend>
            <div className="field">
              <label htmlFor={`${id}-title`}>{t('field.title')}</label>
              <input
                id={`${id}-title`}
                value={draft.title}
                maxLength={200}
                required
                aria-invalid={fieldErrors.has('title') || undefined}
                aria-describedby={describedBy('title')}
                onChange={(e) => set('title', e.target.value)}
              />
              {errorOf('title')}
            </div>
            <div className="field">
              <label htmlFor={`${id}-description`}>{t('field.description')}</label>
              <textarea
                id={`${id}-description`}
                rows={7}
                maxLength={8000}
                required
                value={draft.description}
                aria-invalid={fieldErrors.has('description') || undefined}
                aria-describedby={describedBy('description', `${id}-description-hint`)}
                onChange={(e) => set('description', e.target.value)}
              />
              <p className="hint" id={`${id}-description-hint`}>
                {t('newRequest.descriptionHint')}
              </p>
              {errorOf('description')}
            </div>
            <div className="field">
              <label htmlFor={`${id}-accounts`}>{t('field.affectedUserIds')}</label>
              <textarea
                id={`${id}-accounts`}
                rows={3}
                spellCheck={false}
                value={draft.accounts}
                aria-invalid={accounts.invalid.length > 0 || fieldErrors.has('affectedUserIds') || undefined}
                aria-describedby={describedBy('affectedUserIds', `${id}-accounts-hint`)}
                onChange={(e) => set('accounts', e.target.value)}
              />
              <p className="hint" id={`${id}-accounts-hint`}>
                {t('newRequest.accountsHint')}
              </p>
              {me.userId ? (
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => set('accounts', [...accounts.valid.filter((a) => a !== me.userId), me.userId].join('\n'))}
                >
                  {t('newRequest.addMe')}
                </button>
              ) : null}
              {accounts.invalid.length > 0 ? (
                <p className="field-error">{t('newRequest.accountsInvalid', { ids: accounts.invalid.join(', ') })}</p>
              ) : null}
              {errorOf('affectedUserIds')}
            </div>
            <fieldset className="field" aria-describedby={describedBy('surfaces')}>
              <legend>{t('field.surfaces')}</legend>
              {SURFACES.map((surface) => (
                <div className="check" key={surface}>
                  <input
                    type="checkbox"
                    id={`${id}-surface-${surface}`}
                    checked={draft.surfaces.includes(surface)}
                    onChange={(e) =>
                      set('surfaces', e.target.checked ? [...draft.surfaces, surface] : draft.surfaces.filter((s) => s !== surface))
                    }
                  />
                  <label htmlFor={`${id}-surface-${surface}`}>{t(`surface.${surface}`)}</label>
                </div>
              ))}
              {errorOf('surfaces')}
            </fieldset>
          </fieldset>

          <fieldset>
            <legend>{t('newRequest.stepThirdParty')}</legend>
            <div className="check">
              <input
                type="checkbox"
                id={`${id}-third-party`}
                checked={draft.thirdParty}
                onChange={(e) => set('thirdParty', e.target.checked)}
                aria-controls={draft.thirdParty ? `${id}-third-party-fields` : undefined}
              />
              <label htmlFor={`${id}-third-party`}>{t('newRequest.usesThirdParty')}</label>
            </div>
            {draft.thirdParty ? (
              <div id={`${id}-third-party-fields`} className="nested">
                <p className="hint">{t('newRequest.thirdPartyHint')}</p>
                <div className="field">
                  <label htmlFor={`${id}-provider`}>{t('field.thirdPartyMfa.provider')}</label>
                  <input
                    id={`${id}-provider`}
                    value={draft.provider}
                    maxLength={200}
                    onChange={(e) => set('provider', e.target.value)}
                    aria-describedby={describedBy('thirdPartyMfa.provider')}
                  />
                  {errorOf('thirdPartyMfa.provider')}
                </div>
                <fieldset className="field">
                  <legend>{t('field.thirdPartyMfa.integrationMethod')}</legend>
                  {(['identity_federation', 'custom_controls'] as const).map((method) => (
                    <div className="check" key={method}>
                      <input
                        type="radio"
                        name={`${id}-method`}
                        id={`${id}-method-${method}`}
                        checked={draft.integrationMethod === method}
                        onChange={() => set('integrationMethod', method)}
                      />
                      <label htmlFor={`${id}-method-${method}`}>{t(`integration.${method}`)}</label>
                    </div>
                  ))}
                  {errorOf('thirdPartyMfa.integrationMethod')}
                </fieldset>
                <div className="check">
                  <input
                    type="checkbox"
                    id={`${id}-confirmed`}
                    checked={draft.providerConfirmed}
                    onChange={(e) => set('providerConfirmed', e.target.checked)}
                  />
                  <label htmlFor={`${id}-confirmed`}>{t('field.thirdPartyMfa.providerConfirmedClaimCannotFlow')}</label>
                </div>
              </div>
            ) : null}
          </fieldset>

          <fieldset>
            <legend>{t('newRequest.stepContact')}</legend>
            <div className="field">
              <label htmlFor={`${id}-contact-name`}>{t('field.contact.name')}</label>
              <input
                id={`${id}-contact-name`}
                autoComplete="name"
                value={draft.contactName}
                maxLength={200}
                required
                onChange={(e) => set('contactName', e.target.value)}
                aria-invalid={fieldErrors.has('contact.name') || undefined}
                aria-describedby={describedBy('contact.name')}
              />
              {errorOf('contact.name')}
            </div>
            <div className="field">
              <label htmlFor={`${id}-contact-email`}>{t('field.contact.email')}</label>
              <input
                id={`${id}-contact-email`}
                type="email"
                autoComplete="email"
                value={draft.contactEmail}
                maxLength={254}
                required
                onChange={(e) => set('contactEmail', e.target.value)}
                aria-invalid={fieldErrors.has('contact.email') || undefined}
                aria-describedby={describedBy('contact.email')}
              />
              {errorOf('contact.email')}
            </div>
            <div className="field">
              <label htmlFor={`${id}-contact-phone`}>{t('field.contact.phone')}</label>
              <input
                id={`${id}-contact-phone`}
                type="tel"
                autoComplete="tel"
                value={draft.contactPhone}
                onChange={(e) => set('contactPhone', e.target.value)}
                aria-describedby={describedBy('contact.phone')}
              />
              {errorOf('contact.phone')}
            </div>
          </fieldset>

          <ProblemAlert problem={problem} id={`${id}-problem`} />
          <p className="hint">{t('newRequest.slaHint')}</p>
          <button type="submit" className="primary" disabled={pending}>
            {pending ? t('common.sending') : t('newRequest.submit')}
          </button>
        </form>
      </div>
      <aside aria-labelledby={`${id}-guidance-heading`} className="guidance-aside">
        <h2 id={`${id}-guidance-heading`}>{t('guidance.heading')}</h2>
        <Guidance body={precheckBody(draft)} language={i18n.language} />
      </aside>
    </div>
  );
}

/** The seed asks partners to read the known issues before filing: the list with its verdicts. */
function KnownIssuesFirst() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const [issues] = useLoad(() => call(api.GET('/v1/known-issues')).then((page) => page.items), [api, i18n.language]);
  return (
    <details className="card known-first">
      <summary>{t('newRequest.checkKnownIssues')}</summary>
      {issues.state === 'loading' ? <Loading /> : null}
      {issues.state === 'failed' ? <ProblemAlert problem={issues.problem} /> : null}
      {issues.state === 'ready' ? <KnownIssueList issues={issues.data} compact /> : null}
    </details>
  );
}

export function KnownIssueList({ issues, compact = false }: { issues: readonly KnownIssueModel[]; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <ol className="known-issues">
      {issues.map((issue) => (
        <li key={issue.number} data-known-issue={issue.number}>
          <p className="issue-title">
            <span className="issue-number">{t('knownIssue.number', { number: issue.number })}</span> {issue.title}{' '}
            <VerdictBadge eligibility={issue.eligibility} />
          </p>
          {compact ? null : <p>{issue.situation}</p>}
          <p className="muted">{issue.guidance}</p>
          {!compact && issue.requiredDetails.length > 0 ? (
            <>
              <p>{t('knownIssue.requiredDetails')}</p>
              <ul>
                {issue.requiredDetails.map((detail) => (
                  <li key={detail.field}>{detail.description}</li>
                ))}
              </ul>
            </>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

type GuidanceState =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'ready'; classification: ClassificationModel }
  | { state: 'failed'; problem: ApiProblem };

/** Live guidance: the draft is prechecked once typing pauses, and the classifier's answer shown. */
export function Guidance({ body, language }: { body: Schemas['PrecheckRequestDto'] | null; language: string }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const serialized = body ? JSON.stringify(body) : '';
  const settled = useDebounced(serialized, PRECHECK_DELAY_MS);
  const [guidance, setGuidance] = useState<GuidanceState>({ state: 'idle' });
  const round = useRef(0);
  useEffect(() => {
    if (!settled) {
      setGuidance({ state: 'idle' });
      return;
    }
    const mine = ++round.current;
    setGuidance({ state: 'checking' });
    call(api.POST('/v1/exception-requests/precheck', { body: JSON.parse(settled) as Schemas['PrecheckRequestDto'] })).then(
      (answer) => mine === round.current && setGuidance({ state: 'ready', classification: answer.classification }),
      (error: unknown) => mine === round.current && setGuidance({ state: 'failed', problem: asProblem(error) }),
    );
  }, [settled, api, language]);

  return (
    <div aria-live="polite" aria-busy={guidance.state === 'checking'} className="guidance" data-testid="guidance">
      {guidance.state === 'idle' ? <p className="muted">{t('guidance.idle')}</p> : null}
      {guidance.state === 'checking' ? <p className="muted">{t('guidance.checking')}</p> : null}
      {guidance.state === 'failed' ? <ProblemAlert problem={guidance.problem} /> : null}
      {guidance.state === 'ready' ? <GuidanceAnswer classification={guidance.classification} /> : null}
    </div>
  );
}

function GuidanceAnswer({ classification }: { classification: ClassificationModel }) {
  const { t } = useTranslation();
  const { knownIssue, eligibility, guidance, missingDetails } = classification;
  if (knownIssue === null) {
    return (
      <div data-verdict="none">
        <p className="guidance-match">{t('guidance.noMatch')}</p>
        <p>{t('guidance.noMatchText')}</p>
      </div>
    );
  }
  return (
    <div data-verdict={eligibility} data-known-issue={knownIssue}>
      <p className="guidance-match">
        {t('guidance.matched', { number: knownIssue })} <VerdictBadge eligibility={eligibility} />
      </p>
      <p className="guidance-verdict">{eligibility === 'not_valid' ? t('guidance.notValidText') : t('guidance.mayBeValidText')}</p>
      {guidance ? (
        <>
          <h3>{eligibility === 'not_valid' ? t('guidance.insteadHeading') : t('guidance.needsHeading')}</h3>
          <p>{guidance}</p>
        </>
      ) : null}
      {missingDetails.length > 0 ? (
        <>
          <h3>{t('guidance.missingHeading')}</h3>
          <ul data-testid="missing-details">
            {missingDetails.map((detail) => (
              <li key={detail}>{fieldLabelKey(detail) ? t(fieldLabelKey(detail)!) : detail}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
