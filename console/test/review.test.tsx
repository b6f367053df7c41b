import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SlaBadge, TimeLeft } from '../src/components/badges';
import { defaultGrant, expiresAt, expiryBounds, grantProblems, toGrantSpec } from '../src/lib/grant-builder';
import { clock } from '../src/lib/time';
import { DecideForm, Lease } from '../src/pages/ReviewPage';
import { renderConsole, REVIEWER, requestModel } from './render';

const NOW = Date.parse('2026-11-30T10:00:00.000Z');
const DAY = 86_400_000;

describe('the grant builder', () => {
  const request = requestModel();

  it('starts from every account and surface the request named, expiring within GRANT_MAX_DAYS', () => {
    const draft = defaultGrant(request, NOW, 180);
    expect(draft.userIds).toEqual(request.affectedUserIds);
    expect(draft.surfaces).toEqual(request.surfaces);
    expect(Date.parse(expiresAt(draft.expiresOn)) - NOW).toBeLessThanOrEqual(90 * DAY);
    expect(defaultGrant(request, NOW, 30).expiresOn).toBe(expiryBounds(NOW, 30).max);
  });

  it('refuses an expiry past GRANT_MAX_DAYS or in the past, and an empty choice', () => {
    const draft = defaultGrant(request, NOW, 180);
    const { max } = expiryBounds(NOW, 180);
    expect(grantProblems({ ...draft, expiresOn: max }, request, NOW, 180)).toEqual([]);
    expect(Date.parse(expiresAt(max))).toBeLessThanOrEqual(NOW + 180 * DAY);
    const dayAfter = new Date(Date.parse(`${max}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
    expect(grantProblems({ ...draft, expiresOn: dayAfter }, request, NOW, 180)).toEqual(['grant.expiryTooLate']);
    expect(grantProblems({ ...draft, expiresOn: '2026-11-01' }, request, NOW, 180)).toEqual(['grant.expiryPast']);
    expect(grantProblems({ ...draft, userIds: [], surfaces: [] }, request, NOW, 180)).toEqual(['grant.noUsers', 'grant.noSurfaces']);
    expect(toGrantSpec({ ...draft, userIds: ['someone-else'] }, request, NOW, 180)).toBeNull();
  });

  it('approves with the grant the reviewer built', async () => {
    let decision: unknown;
    await renderConsole(<DecideForm request={requestModel({ allowedActions: ['decide'] })} onDone={() => undefined} now={NOW} />, {
      me: REVIEWER,
      settings: { oidc: null, devSignIn: null, grantMaxDays: 30, claimTtlSeconds: 1800 },
      routes: {
        'POST /v1/exception-requests/3d9a6c1e-5b7f-4a2d-8c3e-1f0a9b8c7d6e/decision': (seen) => {
          decision = seen.body;
          return { status: 200, body: requestModel({ status: 'approved' }) };
        },
      },
    });
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Approve'));
    await user.type(screen.getByLabelText('Reason (the partner sees it)'), 'Known issue 6.');
    const expiry = screen.getByLabelText<HTMLInputElement>('Last day of the exception');
    expect(expiry.max).toBe(expiryBounds(NOW, 30).max);
    expect(screen.getByText(/At most 30 days ahead/)).toBeTruthy();
    // Past the maximum: the builder says so and the decision cannot be sent.
    await user.clear(expiry);
    await user.type(expiry, '2027-06-01');
    expect(screen.getByTestId('grant-problems').textContent).toContain('The exception may last at most 30 days.');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Approve and create grant' }).disabled).toBe(true);
    await user.clear(expiry);
    await user.type(expiry, '2026-12-15');
    await user.click(screen.getByLabelText('1c6f8d63-3e2a-4c9f-8b48-1e8a4d1cab22'));
    await user.click(screen.getByRole('button', { name: 'Approve and create grant' }));
    await waitFor(() => expect(decision).toBeDefined());
    expect(decision).toEqual({
      outcome: 'approved',
      reason: 'Known issue 6.',
      knownIssue: 6,
      grant: {
        userIds: ['0b5e7c52-2f1d-4b8e-9a37-0d7f3c0b9a11'],
        surfaces: ['delegated_admin', 'partner_center_api'],
        expiresAt: '2026-12-16T00:00:00.000Z',
      },
    });
  });
});

describe('the queue and the lease', () => {
  it('says how much business time is left, or that the request is overdue', async () => {
    await renderConsole(
      <>
        <TimeLeft sla={requestModel().sla} />
        <TimeLeft sla={{ ...requestModel().sla, remainingBusinessMs: 0, state: 'breached' }} />
        <TimeLeft sla={{ ...requestModel().sla, remainingBusinessMs: null, state: 'met' }} />
        <SlaBadge state="at_risk" />
        <SlaBadge state="breached" />
      </>,
      { language: 'ja' },
    );
    expect(document.body.textContent).toBe('残り 5 時間 12 分（営業時間）期限超過期限間近期限超過');
  });

  it('counts the claim down and renews it', async () => {
    const expires = new Date(Date.now() + 90_000).toISOString();
    let renewed = 0;
    const request = requestModel({
      assignee: { userId: REVIEWER.userId, tenantId: REVIEWER.tenantId, name: 'Ren Sato', upn: null, claimExpiresAt: expires },
      allowedActions: ['renew_claim', 'release', 'decide', 'request_info', 'message'],
    });
    await renderConsole(<Lease request={request} onChanged={() => undefined} />, {
      me: REVIEWER,
      routes: {
        [`POST /v1/exception-requests/${request.id}/claim/renew`]: () => {
          renewed++;
          return { status: 200, body: request };
        },
      },
    });
    expect(screen.getByTestId('lease').textContent).toMatch(/Your claim lapses in 1:(29|30)/);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Renew claim' }));
    await waitFor(() => expect(renewed).toBe(1));
    expect(screen.getByRole('button', { name: 'Release' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Claim' })).toBeNull();
  });

  it('says when the claim lapsed and offers to claim again', async () => {
    const request = requestModel({
      assignee: {
        userId: REVIEWER.userId,
        tenantId: REVIEWER.tenantId,
        name: 'Ren Sato',
        upn: null,
        claimExpiresAt: new Date(Date.now() - 1000).toISOString(),
      },
      allowedActions: ['claim'],
    });
    await renderConsole(<Lease request={request} onChanged={() => undefined} />, { me: REVIEWER });
    await act(async () => undefined);
    expect(screen.getByRole('status').textContent).toBe('Your claim lapsed. Claim it again to go on.');
    expect(screen.getByRole('button', { name: 'Claim again' })).toBeTruthy();
  });

  it('formats countdowns', () => {
    expect(clock(90_000)).toBe('1:30');
    expect(clock(3_600_000 + 5_000)).toBe('1:00:05');
    expect(clock(-1)).toBe('0:00');
  });
});
