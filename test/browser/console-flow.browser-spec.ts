import type { Browser, Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  devSignIn,
  launchChromium,
  overflowsHorizontally,
  personPage,
  screenshot,
  seriousViolations,
  startConsoleService,
} from '../support/browser.js';

// The whole flow of issue 13 in a real browser against the real service: a partner files in
// Japanese and sees the Japanese guidance before submitting; a reviewer claims it and asks for
// information; the partner answers; the reviewer approves with a grant; the partner sees the
// approval and the grant. An internal note never reaches the partner's pages, and axe-core finds no
// serious or critical violation on any main page.

const INTERNAL_NOTE = `Internal note ${randomUUID().slice(0, 8)}: checked the tenant's PowerShell usage`;
const PARTNER_TENANT = randomUUID();
const OTHER_ACCOUNT = randomUUID();

describe('the console, end to end', () => {
  let service: Awaited<ReturnType<typeof startConsoleService>>;
  let browser: Browser;
  let partner: Page;
  let reviewer: Page;
  /** Every text the partner's pages showed, to prove the internal note never reached them. */
  const partnerTexts: string[] = [];
  const violations: Record<string, string[]> = {};
  let requestUrl = '';

  const seen = async (page: Page) => partnerTexts.push(await page.locator('body').innerText());
  const audit = async (page: Page, name: string) => {
    violations[name] = await seriousViolations(page);
  };

  beforeAll(async () => {
    service = await startConsoleService('console_flow');
    browser = await launchChromium();
    partner = (await personPage(browser, { locale: 'ja-JP' })).page;
    reviewer = (await personPage(browser, { locale: 'en-GB' })).page;
  });

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  it('a partner signs in in Japanese and sees the Japanese guidance while typing, before submitting', async () => {
    await partner.goto(`${service.baseUrl}/console/`);
    await expect.poll(() => partner.locator('h1').textContent()).toBe('サインイン');
    await audit(partner, 'sign-in');
    await devSignIn(partner, service.baseUrl, { roleLabel: /管理エージェント/, name: '田中 愛子', tenantId: PARTNER_TENANT });
    await expect.poll(() => partner.locator('main h1').textContent()).toBe('自分の要求');
    await expect.poll(() => partner.locator('main').innerText()).toContain('要求はまだありません');
    await audit(partner, 'partner requests (empty)');

    await partner.getByRole('link', { name: '新しい要求' }).first().click();
    await expect.poll(() => partner.locator('main h1').textContent()).toBe('新しい要求');
    // The seed's order: Support > Partner support requests > New request, topic and issue type fixed.
    expect(await partner.getByRole('navigation', { name: 'パンくずリスト' }).innerText()).toMatch(
      /サポート[\s\S]*パートナー サポート要求[\s\S]*新しい要求/,
    );
    expect(await partner.getByTestId('topic').textContent()).toBe('MFA とセキュリティで保護されたアプリケーション モデル');
    expect(await partner.getByTestId('issue-type').textContent()).toBe('技術的な例外の要求を送信する');
    // The seven known issues with their verdicts, before filing.
    await partner.getByText('送信の前に: 7 つの既知の問題とその判定を確認してください').click();
    await expect.poll(() => partner.locator('[data-known-issue]').count()).toBe(7);
    expect(await partner.locator('.known-first').innerText()).toContain('正当な理由の可能性あり');

    const guidance = partner.getByTestId('guidance');
    // A reason that is not valid first: the guidance says so and what to do instead, in Japanese.
    await partner.getByLabel('説明').fill('委任された管理者特権を使うエージェントへの MFA の展開に、もう少し時間が必要です。');
    await expect.poll(() => guidance.getAttribute('aria-busy')).toBe('false');
    await expect.poll(() => guidance.innerText(), { timeout: 10_000 }).toContain('既知の問題 1 に該当します');
    expect(await guidance.innerText()).toContain('正当な理由ではありません');
    expect(await guidance.innerText()).toContain('代わりにすべきこと');

    // Then the real blocker: Exchange Online PowerShell (known issue 6, may be valid).
    await partner.getByLabel('タイトル').fill('Exchange Online PowerShell で MFA を完了できない');
    await partner
      .getByLabel('説明')
      .fill(
        '当社の管理エージェントは委任された管理者特権で Exchange Online PowerShell を使い、顧客のメールボックスを管理しています。このモジュールは MFA に対応していません。',
      );
    await expect.poll(() => guidance.innerText(), { timeout: 10_000 }).toContain('既知の問題 6 に該当します');
    const shown = await guidance.innerText();
    expect(shown).toContain('正当な理由の可能性あり');
    expect(shown).toMatch(/要求に必要なこと\s+\S*[ぁ-んァ-ン一-龯]/); // the service's guidance, in Japanese
    await partner.getByRole('button', { name: '自分のアカウントを追加' }).click();
    await partner.getByLabel('対象のアカウント').press('End');
    await partner.getByLabel('対象のアカウント').pressSequentially(`\n${OTHER_ACCOUNT}`);
    await partner.getByLabel('顧客テナントへの委任された管理者としてのサインイン').check();
    await partner.getByLabel('連絡先の氏名').fill('田中 愛子');
    await partner.getByLabel('連絡先のメール アドレス').fill('aiko.tanaka@partner.example');
    // The guidance follows the form: with the accounts given, nothing is missing any more.
    await expect.poll(() => partner.getByTestId('missing-details').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => guidance.innerText()).toContain('既知の問題 6 に該当します');
    await partner.locator('legend', { hasText: '2. 詳細' }).evaluate((legend) => legend.scrollIntoView());
    await screenshot(partner, 'partner-new-request');
    await audit(partner, 'partner new request (with guidance)');
    expect(await overflowsHorizontally(partner)).toBe(false);
    await seen(partner);

    await partner.getByRole('button', { name: '送信', exact: true }).click();
    await partner.waitForURL(/\/console\/requests\/[0-9a-f-]{36}/);
    requestUrl = partner.url().split('?')[0];
    await expect.poll(() => partner.locator('main').innerText()).toContain('要求を送信しました');
    const summary = await partner.locator('.summary').innerText();
    expect(summary).toContain('送信済み');
    expect(summary).toContain('回答期限');
    expect(summary).toContain('期限内');
    await audit(partner, 'partner request');
    await seen(partner);
  });

  it('a reviewer sees it in the queue ordered by SLA due, claims it and asks for information', async () => {
    await devSignIn(reviewer, service.baseUrl, { roleLabel: /^Reviewer$/, name: 'Ren Sato' });
    await expect.poll(() => reviewer.locator('main h1').textContent()).toBe('Review queue');
    const row = reviewer.locator('tr', { hasText: 'Exchange Online PowerShell で MFA を完了できない' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/On track[\s\S]*h \d+ min left \(business hours\)/);
    await audit(reviewer, 'reviewer queue');
    expect(await overflowsHorizontally(reviewer)).toBe(false);

    await row.getByRole('button', { name: /^Claim “/ }).click();
    await reviewer.waitForURL(/\/console\/review\//);
    await expect.poll(() => reviewer.getByTestId('lease').innerText()).toMatch(/Your claim lapses in (29|30):\d\d/);
    await reviewer.getByRole('button', { name: 'Renew claim' }).click();
    await expect.poll(() => reviewer.getByTestId('lease').innerText()).toMatch(/Your claim lapses in (29|30):\d\d/);
    // The classification with its signals, for reviewers.
    expect(await reviewer.getByRole('table', { name: 'Signals that decided' }).innerText()).toMatch(/#6/);
    await audit(reviewer, 'reviewer request');

    await reviewer.getByLabel('Message').fill(INTERNAL_NOTE);
    await reviewer.getByLabel(/^Internal note/).check();
    await reviewer.getByRole('button', { name: 'Add internal note' }).click();
    await expect.poll(() => reviewer.locator('.message.internal').innerText()).toContain(INTERNAL_NOTE);

    await reviewer
      .getByLabel('What the partner must add')
      .fill('Which Exchange Online PowerShell module version do these accounts use, and for how many customers?');
    await reviewer.getByRole('button', { name: 'Ask the partner' }).click();
    await expect.poll(() => reviewer.locator('.summary').innerText()).toContain('Information requested');
    expect(await reviewer.locator('.summary').innerText()).toContain('Paused');
  });

  it('the partner answers the info request, which returns it to the reviewer', async () => {
    await partner.goto(requestUrl);
    await expect.poll(() => partner.locator('.summary').innerText()).toContain('情報を要求中');
    await expect.poll(() => partner.locator('main').innerText()).toContain('Which Exchange Online PowerShell module version');
    await audit(partner, 'partner request (info requested)');
    await seen(partner);
    await partner.getByLabel('回答').fill('40 社の顧客で V1 モジュールを使っています。V3 への移行は 3 月の予定です。');
    await partner.getByRole('button', { name: '回答を送信' }).click();
    await expect.poll(() => partner.locator('.summary').innerText()).toContain('レビュー中');
    await seen(partner);
  });

  it('the reviewer approves with a grant built from the request', async () => {
    await reviewer.reload();
    await expect.poll(() => reviewer.locator('.summary').innerText()).toContain('In review');
    await expect.poll(() => reviewer.locator('main').innerText()).toContain('40 社の顧客で V1 モジュールを使っています');
    await reviewer.getByLabel('Approve', { exact: true }).check();
    await reviewer
      .getByLabel('Reason (the partner sees it)')
      .fill('Exchange Online PowerShell with delegated admin cannot do MFA yet (known issue 6).');
    // The grant builder offers the request's accounts and surface, all chosen, expiring within GRANT_MAX_DAYS.
    const builder = reviewer.locator('fieldset.grant-builder');
    expect(await builder.locator('input[type=checkbox]').count()).toBe(3);
    const expiry = builder.getByLabel('Last day of the exception');
    const max = await expiry.getAttribute('max');
    expect(Date.parse(`${max}T00:00:00Z`) - Date.now()).toBeLessThanOrEqual(180 * 86_400_000);
    await builder.getByLabel(OTHER_ACCOUNT).uncheck();
    await reviewer.getByRole('button', { name: 'Approve and create grant' }).click();
    await expect.poll(() => reviewer.locator('.summary').innerText()).toContain('Approved');
    expect(await reviewer.locator('.decision').innerText()).toContain('known issue 6');
  });

  it('the partner sees the approval and the grant with its expiry', async () => {
    await partner.goto(requestUrl);
    await expect.poll(() => partner.locator('.summary').innerText()).toContain('承認');
    expect(await partner.locator('.decision').innerText()).toContain('known issue 6');
    expect(await partner.locator('main').innerText()).toContain('この要求は承認され、例外が付与されました。');
    await seen(partner);
    await partner.getByRole('link', { name: '例外の付与を見る' }).click();
    await expect.poll(() => partner.locator('main h1').textContent()).toBe('例外の付与');
    const grant = partner.locator('.grant').first();
    await grant.waitFor();
    const text = await grant.innerText();
    expect(text).toContain('有効');
    expect(text).toContain('有効期限');
    expect(text).toMatch(/残り \d+ 日/);
    expect(text).toContain('1 個のアカウントへの例外');
    expect(text).not.toContain(OTHER_ACCOUNT);
    await audit(partner, 'partner grants');
    await seen(partner);
    await partner.getByRole('link', { name: '既知の問題' }).first().click();
    await expect.poll(() => partner.locator('[data-known-issue]').count()).toBe(7);
    await audit(partner, 'known issues');
    await partner.getByRole('link', { name: '自分の要求' }).first().click();
    await expect.poll(() => partner.locator('main').innerText()).toContain('Exchange Online PowerShell で MFA を完了できない');
    await audit(partner, 'partner requests');
    await seen(partner);
  });

  it('the internal note never appears on the partner pages', async () => {
    expect(partnerTexts.length).toBeGreaterThanOrEqual(7);
    for (const text of partnerTexts) expect(text).not.toContain(INTERNAL_NOTE);
    // And the reviewer does see it, so the check above looks for text that exists.
    await reviewer.goto(requestUrl.replace('/requests/', '/review/'));
    await expect.poll(() => reviewer.locator('main').innerText()).toContain(INTERNAL_NOTE);
  });

  it("the reviewer's grants and dashboard pages", async () => {
    await reviewer.getByRole('link', { name: 'Grants' }).click();
    await expect.poll(() => reviewer.locator('.grant').count()).toBeGreaterThan(0);
    expect(await reviewer.getByRole('button', { name: 'Revoke…' }).count()).toBeGreaterThan(0);
    await audit(reviewer, 'reviewer grants');
    await reviewer.getByRole('link', { name: 'Dashboard' }).click();
    await expect.poll(() => reviewer.locator('main').innerText()).toContain('100% of decisions agreed with the classifier (1 of 1)');
    expect(await reviewer.locator('.stat-decided dd').innerText()).toBe('1');
    await audit(reviewer, 'dashboard');
  });

  it('axe-core finds no serious or critical violation on any main page', () => {
    expect(Object.keys(violations).length).toBeGreaterThanOrEqual(10);
    expect(Object.fromEntries(Object.entries(violations).filter(([, list]) => list.length > 0))).toEqual({});
  });

  it('works with the keyboard alone, with focus moved to each new page', async () => {
    const { page } = await personPage(browser, { locale: 'en-GB' });
    await page.goto(`${service.baseUrl}/console/`);
    await page.getByLabel('Role').waitFor();
    const focused = () =>
      page.evaluate<string>(
        '(document.activeElement?.textContent || document.activeElement?.getAttribute("aria-label") || document.activeElement?.id || "").trim()',
      );
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate<string>('document.activeElement?.id')).toBe('main');
    // Role: the select takes the arrow keys; then the tenant, the name, and Enter submits the form.
    await page.getByLabel('Role').focus();
    await page.keyboard.press('ArrowDown'); // global admin
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Keyboard Person');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('main h1').textContent()).toBe('My requests');
    expect(await page.locator('.who').textContent()).toBe('Keyboard Person · Partner');
    await page.getByRole('link', { name: 'Grants' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Exception grants');
    // The new page's heading has the focus, so a screen reader announces it.
    await expect.poll(() => page.evaluate<string>('document.activeElement?.tagName')).toBe('H1');
  });

  it('holds its layout on a 390×844 phone', async () => {
    const phone = (await personPage(browser, { locale: 'ja-JP', viewport: { width: 390, height: 844 } })).page;
    await devSignIn(phone, service.baseUrl, { roleLabel: /管理エージェント/, name: '田中 愛子', tenantId: PARTNER_TENANT });
    for (const path of ['/requests', '/requests/new', '/grants', '/known-issues', requestUrl.replace(/^.*\/console/, '')]) {
      await phone.goto(`${service.baseUrl}/console${path}`);
      await phone.locator('main h1').first().waitFor();
      await phone.waitForLoadState('networkidle');
      expect(await overflowsHorizontally(phone), path).toBe(false);
    }
    const staff = (await personPage(browser, { locale: 'en-GB', viewport: { width: 390, height: 844 } })).page;
    await devSignIn(staff, service.baseUrl, { roleLabel: /^Review lead$/, name: 'Kai Lead' });
    for (const path of ['/queue', '/grants', '/dashboard', requestUrl.replace(/^.*\/console\/requests/, '/review')]) {
      await staff.goto(`${service.baseUrl}/console${path}`);
      await staff.locator('main h1').first().waitFor();
      await staff.waitForLoadState('networkidle');
      expect(await overflowsHorizontally(staff), path).toBe(false);
    }
  });
});
