import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { RequestModel } from '../src/api/client';
import { PartnerRequestPage } from '../src/pages/PartnerPages';
import { Lease } from '../src/pages/ReviewPage';
import { renderConsole, REVIEWER, requestModel, type Routes } from './render';

const ID = '3d9a6c1e-5b7f-4a2d-8c3e-1f0a9b8c7d6e';
const PATH = `/v1/exception-requests/${ID}`;

function partnerRoutes(current: { request: RequestModel }, extra: Routes = {}): Routes {
  return {
    [`GET ${PATH}`]: () => ({ status: 200, body: current.request }),
    [`GET ${PATH}/messages`]: () => ({
      status: 200,
      body: {
        items: [
          {
            id: 'a7c1f7c2-0f0e-4a55-9d8b-2d1a4f0f0001',
            requestId: ID,
            author: { kind: 'reviewer', name: 'Ren Sato' },
            body: 'Which module version do you use?',
            internal: false,
            createdAt: '2026-11-27T10:00:00.000Z',
          },
        ],
        nextCursor: null,
      },
    }),
    [`GET ${PATH}/events`]: () => ({
      status: 200,
      body: {
        items: [
          {
            id: 'e1',
            requestId: ID,
            type: 'request.filed',
            actor: { kind: 'partner' },
            at: '2026-11-27T09:00:00.000Z',
            from: null,
            to: 'submitted',
            data: null,
          },
          {
            id: 'e2',
            requestId: ID,
            type: 'request.info_requested',
            actor: { kind: 'reviewer' },
            at: '2026-11-27T10:00:00.000Z',
            from: 'in_review',
            to: 'info_requested',
            data: null,
          },
        ],
        nextCursor: null,
      },
    }),
    ...extra,
  };
}

describe("the partner's request page", () => {
  it('shows status, SLA, conversation and timeline, and sends the answer to an info request', async () => {
    const current = {
      request: requestModel({
        status: 'info_requested',
        sla: { dueAt: '2026-12-02T17:00:00.000Z', state: 'paused', pausedAt: '2026-11-27T10:00:00.000Z', remainingBusinessMs: 3_600_000 },
        allowedActions: ['message', 'withdraw'],
      }),
    };
    let answer: unknown;
    const { seen } = await renderConsole(<PartnerRequestPage id={ID} />, {
      language: 'ja',
      routes: partnerRoutes(current, {
        [`POST ${PATH}/messages`]: (request) => {
          answer = request.body;
          current.request = {
            ...current.request,
            status: 'in_review',
            allowedActions: ['message', 'withdraw'],
            updatedAt: '2026-11-27T11:00:00.000Z',
          };
          return {
            status: 201,
            body: {
              id: 'm2',
              requestId: ID,
              author: { kind: 'partner', name: 'Aiko' },
              body: 'V1',
              internal: false,
              createdAt: '2026-11-27T11:00:00.000Z',
            },
          };
        },
      }),
    });
    await screen.findByText('Which module version do you use?');
    expect(document.querySelector('.summary')!.textContent).toContain('情報を要求中');
    expect(document.querySelector('.summary')!.textContent).toContain('一時停止中');
    await waitFor(() => expect(document.querySelector('.timeline')!.textContent).toContain('情報を要求'));
    expect(document.querySelector('.timeline')!.textContent).toContain('レビュー中 → 情報を要求中');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('回答'), 'V1 を 40 社で使っています');
    await user.click(screen.getByRole('button', { name: '回答を送信' }));
    await waitFor(() => expect(document.querySelector('.summary')!.textContent).toContain('レビュー中'));
    expect(answer).toEqual({ body: 'V1 を 40 社で使っています' }); // never `internal` from a partner
    expect(seen.find((s) => s.method === 'POST')!.headers.get('idempotency-key')).toBeTruthy();
  });

  it('withdraws after a confirmation, and offers it only while allowed', async () => {
    const current = { request: requestModel({ status: 'submitted', allowedActions: ['message', 'withdraw'] }) };
    let withdrawn: unknown;
    await renderConsole(<PartnerRequestPage id={ID} />, {
      routes: partnerRoutes(current, {
        [`POST ${PATH}/withdraw`]: (request) => {
          withdrawn = request.body;
          current.request = { ...current.request, status: 'withdrawn', allowedActions: [] };
          return { status: 200, body: current.request };
        },
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Withdraw this request' }));
    await user.type(screen.getByLabelText('Reason (optional)'), 'Moved to the V3 module');
    await user.click(screen.getByRole('button', { name: 'Withdraw' }));
    await waitFor(() => expect(document.querySelector('.summary')!.textContent).toContain('Withdrawn'));
    expect(withdrawn).toEqual({ reason: 'Moved to the V3 module' });
    // A withdrawn request offers no withdrawal any more (allowedActions), neither the button nor the form.
    expect(screen.queryByRole('heading', { name: 'Withdraw' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Withdraw/ })).toBeNull();
  });

  it('shows the translated problem when the request has moved on', async () => {
    const current = { request: requestModel({ status: 'submitted', allowedActions: ['withdraw'] }) };
    await renderConsole(<PartnerRequestPage id={ID} />, {
      routes: partnerRoutes(current, {
        [`POST ${PATH}/withdraw`]: () => ({
          status: 409,
          body: {
            type: 't',
            title: 'Conflict',
            status: 409,
            detail: 'The request is approved.',
            code: 'request.invalid_transition',
            currentStatus: 'approved',
          },
        }),
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Withdraw this request' }));
    await user.click(screen.getByRole('button', { name: 'Withdraw' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The request has moved on, so this action is no longer possible. Reload it.');
    expect(alert.textContent).toContain('Current status: Approved');
  });
});

describe("a review lead's actions", () => {
  it("releases and reassigns another reviewer's claim", async () => {
    const request = requestModel({
      assignee: {
        userId: 'c0ffee00-0000-4000-8000-000000000001',
        tenantId: REVIEWER.tenantId,
        name: 'Mika Ito',
        upn: null,
        claimExpiresAt: new Date(Date.now() + 600_000).toISOString(),
      },
      allowedActions: ['release', 'reassign'],
    });
    const posted: { path: string; body: unknown }[] = [];
    const record: Routes[string] = (seen) => {
      posted.push({ path: seen.path, body: seen.body });
      return { status: 200, body: request };
    };
    await renderConsole(<Lease request={request} onChanged={() => undefined} />, {
      me: { ...REVIEWER, kind: 'review_lead', roles: ['Exceptions.ReviewLead'] },
      routes: { [`POST ${PATH}/release`]: record, [`POST ${PATH}/reassign`]: record },
    });
    expect(screen.getByText('Claimed by Mika Ito.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Renew claim' })).toBeNull();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Release' }));
    await user.click(screen.getByText('Reassign to another reviewer'));
    await user.type(screen.getByLabelText('Reviewer user ID'), '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b');
    await user.type(screen.getByLabelText('Reviewer name (optional)'), 'Ren Sato');
    await user.click(screen.getByRole('button', { name: 'Reassign' }));
    await waitFor(() => expect(posted).toHaveLength(2));
    expect(posted).toEqual([
      { path: `${PATH}/release`, body: undefined },
      { path: `${PATH}/reassign`, body: { reviewerId: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', reviewerName: 'Ren Sato' } },
    ]);
  });
});
