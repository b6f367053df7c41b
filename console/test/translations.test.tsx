import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import openapi from '../../openapi/openapi.json';
import { PROBLEM_CODE_LIST } from '../../src/shared/problem-codes';
import { ApiProblem } from '../src/api/client';
import { ProblemAlert } from '../src/components/feedback';
import { browserLanguage } from '../src/i18n';
import { en } from '../src/i18n/en';
import { ja } from '../src/i18n/ja';
import { renderConsole } from './render';

describe('translations', () => {
  it('has an English and a Japanese message for every problem code the service answers', () => {
    const missing = PROBLEM_CODE_LIST.flatMap((code) => {
      const key = `problem.${code}`;
      const gaps: string[] = [];
      if (!(en as Record<string, string>)[key]?.trim()) gaps.push(`en ${key}`);
      if (!(ja as Record<string, string>)[key]?.trim()) gaps.push(`ja ${key}`);
      else if ((ja as Record<string, string>)[key] === (en as Record<string, string>)[key]) gaps.push(`ja ${key} (left in English)`);
      return gaps;
    });
    expect(missing).toEqual([]);
  });

  it('knows the same codes as the published contract', () => {
    expect([...openapi.components.schemas.ProblemCode.enum].sort()).toEqual([...PROBLEM_CODE_LIST].sort());
  });

  it('has the same keys in English and Japanese, none empty', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    expect(Object.entries(ja).filter(([, text]) => !text.trim())).toEqual([]);
  });

  it.each(PROBLEM_CODE_LIST)('shows %s as its translated message, not the English detail', async (code) => {
    const problem = new ApiProblem({ code, status: 409, detail: 'English prose from the service', requestId: 'req-1' });
    await renderConsole(<ProblemAlert problem={problem} />, { language: 'ja' });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain((ja as Record<string, string>)[`problem.${code}`]);
    expect(alert.textContent).not.toContain(ja['problem.unknown']);
    expect(alert.textContent).not.toContain('English prose');
    expect(alert.textContent).toContain('要求 ID: req-1');
  });

  it('names the fields of a validation problem with their form labels', async () => {
    const problem = new ApiProblem({
      code: 'validation.failed',
      status: 422,
      detail: 'x',
      errors: [{ field: 'contact.email', message: 'contact.email must be an email' }],
    });
    await renderConsole(<ProblemAlert problem={problem} />, { language: 'ja' });
    expect(screen.getByRole('alert').textContent).toContain('連絡先のメール アドレス: contact.email must be an email');
  });

  it('picks Japanese or English from the browser languages, English otherwise', () => {
    expect(browserLanguage(['ja-JP', 'en-US'])).toBe('ja');
    expect(browserLanguage(['fr-FR', 'en-GB'])).toBe('en');
    expect(browserLanguage(['de-DE'])).toBe('en');
  });
});
