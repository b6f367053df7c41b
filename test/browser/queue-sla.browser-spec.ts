import type { Browser } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastSlaEnv } from '../support/test-app.js';
import { devSignIn, launchChromium, personPage, screenshot, seriousViolations, startConsoleService } from '../support/browser.js';

// The reviewer queue with real SLA timers: a whole-day calendar and a 20-second target, so requests
// become at risk (after 15 s) and breached (after 20 s) while the test watches.

const TARGET_SECONDS = 20;

describe('the review queue', () => {
  let service: Awaited<ReturnType<typeof startConsoleService>>;
  let browser: Browser;

  beforeAll(async () => {
    service = await startConsoleService('console_sla', fastSlaEnv(TARGET_SECONDS));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  /** Files a request as a partner through the development sign-in and the API (the browser test covers the form). */
  async function file(title: string, description: string): Promise<void> {
    const signIn = await fetch(`${service.baseUrl}/console/dev-sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'Partner.GlobalAdmin', tenantId: randomUUID(), name: 'Queue Partner' }),
    });
    const { accessToken, userId } = (await signIn.json()) as { accessToken: string; userId: string };
    const filed = await fetch(`${service.baseUrl}/v1/exception-requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        title,
        description,
        affectedUserIds: [userId],
        surfaces: ['delegated_admin'],
        contact: { name: 'Queue Partner', email: 'queue@partner.example' },
      }),
    });
    expect(filed.status).toBe(201);
  }

  it('orders by SLA due and marks breached and at-risk requests with the business time left', async () => {
    const started = Date.now();
    const at = (seconds: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, started + seconds * 1000 - Date.now())));
    await file(
      'Third-party MFA (Duo) claim does not reach the directory',
      'We use Duo through custom controls; the amr claim has no mfa, so partner center asks again.',
    );
    await at(7);
    await file(
      'Agents need more time to roll out MFA',
      'Our agents with delegated admin privileges need three more months to register for MFA.',
    );
    await at(TARGET_SECONDS + 1.5);
    await file(
      'Exchange Online PowerShell cannot do MFA',
      'Admin agents manage customer mailboxes with Exchange Online PowerShell and delegated admin; the module does not support MFA.',
    );

    const { page } = await personPage(browser, { locale: 'en-GB' });
    await devSignIn(page, service.baseUrl, { roleLabel: /^Reviewer$/, name: 'Queue Reviewer' });
    const states = () => page.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.querySelector('.badge')?.textContent));
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Refresh' }).click();
          await page.locator('tbody tr').nth(2).waitFor();
          return states();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toEqual(['Breached', 'At risk', 'On track']);
    const rows = await page.locator('tbody tr').allInnerTexts();
    expect(rows[0]).toContain('Overdue');
    expect(rows[0]).toContain('Third-party MFA (Duo)');
    expect(rows[1]).toMatch(/0 h 0 min left \(business hours\)/);
    expect(rows[2]).toContain('Exchange Online PowerShell');
    await screenshot(page, 'reviewer-queue');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
