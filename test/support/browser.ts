import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHttpApp } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config/config.js';
import { isolatedDatabase, testEnv } from './test-app.js';

/** Debian's Chromium (apt-get install chromium); playwright-core downloads no browser of its own. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}

/**
 * The service as `npm start` runs it for a newcomer: the development key set (no AUTH_JWKS_FILE), so
 * the console's development sign-in exists, unless `overrides` configure a key set; a database and
 * queue prefix of the file's own.
 */
export async function startConsoleService(suffix: string, overrides: Record<string, string> = {}) {
  const database = await isolatedDatabase(suffix);
  const env: Record<string, string | undefined> = testEnv('unused', database.env);
  delete env.AUTH_JWKS_FILE;
  delete env.AUTH_ISSUER;
  delete env.AUTH_AUDIENCE;
  const config = loadConfig({ ...env, ...overrides });
  const app = await createHttpApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    baseUrl,
    config,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** A browser context per person (its own storage), in their language and window size. */
export async function personPage(
  browser: Browser,
  options: { locale: string; viewport?: { width: number; height: number } },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: options.locale, viewport: options.viewport ?? { width: 1366, height: 768 } });
  const page = await context.newPage();
  return { context, page };
}

/** Signs in through the console's development sign-in form (labels in either language). */
export async function devSignIn(
  page: Page,
  baseUrl: string,
  person: { roleLabel: RegExp; name: string; tenantId?: string },
): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  await page.getByLabel(/^(Role|ロール)$/).waitFor();
  await page.getByLabel(/^(Role|ロール)$/).selectOption({ label: await optionLabel(page, person.roleLabel) });
  if (person.tenantId) await page.getByLabel(/^(Tenant ID|テナント ID)$/).fill(person.tenantId);
  await page.getByLabel(/^(Your name|名前)$/).fill(person.name);
  await page.getByRole('button', { name: /^(Sign in for development|開発用にサインイン)$/ }).click();
  await page.locator('main h1').first().waitFor();
}

async function optionLabel(page: Page, pattern: RegExp): Promise<string> {
  const labels = await page
    .getByLabel(/^(Role|ロール)$/)
    .locator('option')
    .allTextContents();
  const found = labels.find((label) => pattern.test(label));
  if (!found) throw new Error(`no role option matches ${pattern}: ${labels.join(', ')}`);
  return found;
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.x A/AA rules). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}

/** Whether the page scrolls sideways (a broken layout at this width). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth > window.innerWidth + 1');
}

/** Writes a screenshot when SCREENSHOTS_DIR is set (npm run screenshots); answers its path or null. */
export async function screenshot(page: Page, name: string): Promise<string | null> {
  const dir = process.env.SCREENSHOTS_DIR;
  if (!dir) return null;
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
