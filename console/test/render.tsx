import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createApi, type MeModel, type RequestModel } from '../src/api/client';
import type { ConsoleSettings } from '../src/auth/settings';
import { ConsoleProvider } from '../src/context';
import { createI18n, type Language } from '../src/i18n';
import '../src/i18n/types';

/** One request the fake service saw. */
export interface Seen {
  readonly method: string;
  readonly path: string;
  readonly headers: Headers;
  readonly body: unknown;
}

/** Answers the fake service gives: by "METHOD /path" (path without the query). */
export type Routes = Record<string, (seen: Seen) => { status: number; body?: unknown } | Promise<{ status: number; body?: unknown }>>;

export const PARTNER: MeModel = {
  userId: '0b5e7c52-2f1d-4b8e-9a37-0d7f3c0b9a11',
  tenantId: '6f1f3c1e-8a4b-4c5d-9e0f-123456789abc',
  name: 'Aiko Tanaka',
  upn: 'aiko@partner.example',
  roles: ['Partner.AdminAgent'],
  kind: 'partner',
};
export const REVIEWER: MeModel = {
  userId: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  tenantId: '00000000-0000-4000-8000-00000000a11a',
  name: 'Ren Sato',
  upn: 'ren@platform.example',
  roles: ['Exceptions.Reviewer'],
  kind: 'reviewer',
};
export const SETTINGS: ConsoleSettings = { oidc: null, devSignIn: null, grantMaxDays: 180, claimTtlSeconds: 1800 };

/**
 * Renders a piece of the console with the real typed client (openapi-fetch) over a fake `fetch`
 * that answers from `routes` and records every request.
 */
export async function renderConsole(
  ui: ReactElement,
  options: { language?: Language; routes?: Routes; me?: MeModel; settings?: ConsoleSettings } = {},
): Promise<RenderResult & { seen: Seen[] }> {
  const i18n = await createI18n(options.language ?? 'en');
  const seen: Seen[] = [];
  const routes = options.routes ?? {};
  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const text = await request.text();
    const entry: Seen = {
      method: request.method,
      path: url.pathname + url.search,
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    seen.push(entry);
    const route = routes[`${request.method} ${url.pathname}`];
    const answer = route
      ? await route(entry)
      : { status: 404, body: { type: 'x', title: 'Not Found', status: 404, detail: 'no route', code: 'route.not_found' } };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': answer.status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  };
  const api = createApi({
    baseUrl: 'http://console.test',
    token: () => 'test-token',
    language: () => i18n.language,
    fetch: fakeFetch,
  });
  const result = render(
    <I18nextProvider i18n={i18n}>
      <ConsoleProvider value={{ api, settings: options.settings ?? SETTINGS, me: options.me ?? PARTNER }}>{ui}</ConsoleProvider>
    </I18nextProvider>,
  );
  return Object.assign(result, { seen });
}

export function requestModel(overrides: Partial<RequestModel> = {}): RequestModel {
  const request: RequestModel = {
    id: '3d9a6c1e-5b7f-4a2d-8c3e-1f0a9b8c7d6e',
    tenantId: PARTNER.tenantId,
    submittedBy: { name: 'Aiko Tanaka' },
    topic: 'MFA and secure application model',
    issueType: 'Submit request for technical exception',
    title: 'Exchange Online PowerShell cannot do MFA',
    description: 'Our agents use Exchange Online PowerShell with delegated admin privileges.',
    affectedUserIds: ['0b5e7c52-2f1d-4b8e-9a37-0d7f3c0b9a11', '1c6f8d63-3e2a-4c9f-8b48-1e8a4d1cab22'],
    surfaces: ['delegated_admin', 'partner_center_api'],
    thirdPartyMfa: null,
    contact: { name: 'Aiko Tanaka', email: 'aiko@partner.example' },
    status: 'in_review',
    classification: {
      knownIssue: 6,
      eligibility: 'may_be_valid',
      confidence: 0.9,
      guidance: 'An exception may be requested.',
      missingDetails: [],
    },
    sla: { dueAt: '2026-12-02T17:00:00.000Z', state: 'on_track', pausedAt: null, remainingBusinessMs: 5 * 3_600_000 + 12 * 60_000 },
    assignee: null,
    decision: null,
    grantId: null,
    allowedActions: [],
    createdAt: '2026-11-27T09:00:00.000Z',
    updatedAt: '2026-11-27T09:00:00.000Z',
    ...overrides,
  };
  return request;
}
