import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { NewRequestPage, PRECHECK_DELAY_MS } from '../src/pages/NewRequest';
import { renderConsole, type Routes } from './render';

const KNOWN_ISSUES = {
  items: [1, 2, 3, 4, 5, 6, 7].map((number) => ({
    number,
    title: `Issue ${number}`,
    situation: 's',
    eligibility: number >= 6 ? 'may_be_valid' : 'not_valid',
    guidance: 'g',
    requiredDetails: [],
  })),
  nextCursor: null,
};

function routes(precheck: Routes[string], file?: Routes[string]): Routes {
  return {
    'GET /v1/known-issues': () => ({ status: 200, body: KNOWN_ISSUES }),
    'POST /v1/exception-requests/precheck': precheck,
    ...(file ? { 'POST /v1/exception-requests': file } : {}),
  };
}

describe('filing a request', () => {
  it('shows the topic and issue type fixed, in the seed order', async () => {
    await renderConsole(<NewRequestPage />, { routes: routes(() => ({ status: 200, body: {} })) });
    expect(screen.getByTestId('topic').textContent).toBe('MFA and secure application model');
    expect(screen.getByTestId('issue-type').textContent).toBe('Submit request for technical exception');
    expect(screen.getByRole('navigation', { name: 'Breadcrumb' }).textContent).toBe('SupportPartner support requestsNew request');
  });

  it('prechecks once typing pauses, with the latest text, and shows the verdict and what to do instead', async () => {
    const { seen } = await renderConsole(<NewRequestPage />, {
      language: 'ja',
      routes: routes(() => ({
        status: 200,
        body: {
          classification: {
            knownIssue: 1,
            eligibility: 'not_valid',
            confidence: 0.9,
            guidance: 'MFA を展開してください。',
            missingDetails: [],
          },
        },
      })),
    });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('説明'), 'もう少し時間が必要です');
    const prechecks = () => seen.filter((s) => s.path === '/v1/exception-requests/precheck');
    expect(prechecks()).toHaveLength(0); // nothing while typing
    await waitFor(() => expect(screen.getByTestId('guidance').textContent).toContain('既知の問題 1 に該当します'), {
      timeout: PRECHECK_DELAY_MS * 4,
    });
    expect(prechecks()).toHaveLength(1);
    expect(prechecks()[0].body).toMatchObject({ description: 'もう少し時間が必要です', topic: 'MFA and secure application model' });
    expect(prechecks()[0].headers.get('accept-language')).toBe('ja');
    const guidance = screen.getByTestId('guidance').textContent;
    expect(guidance).toContain('正当な理由ではありません');
    expect(guidance).toContain('代わりにすべきこと');
    expect(guidance).toContain('MFA を展開してください。');
  });

  it('lists the details issue 7 still needs, by their form labels, and asks the third-party form for them', async () => {
    await renderConsole(<NewRequestPage />, {
      routes: routes(() => ({
        status: 200,
        body: {
          classification: {
            knownIssue: 7,
            eligibility: 'may_be_valid',
            confidence: 0.8,
            guidance: 'Name the solution and how it is integrated.',
            missingDetails: ['thirdPartyMfa.provider', 'thirdPartyMfa.integrationMethod'],
          },
        },
      })),
    });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Description'), 'Our Duo MFA is not recognised');
    await waitFor(() => expect(screen.getByTestId('missing-details').textContent).toContain('Third-party MFA solution (provider)'));
    expect(screen.getByTestId('missing-details').textContent).toContain('How it is integrated');
    expect(screen.getByTestId('guidance').textContent).toContain('May be valid');
    expect(screen.queryByLabelText('Third-party MFA solution (provider)')).toBeNull();
    await user.click(screen.getByLabelText(/third-party MFA solution that the directory does not recognise/));
    expect(screen.getByLabelText('Third-party MFA solution (provider)')).toBeTruthy();
    expect(screen.getByLabelText('Identity federation')).toBeTruthy();
    expect(screen.getByLabelText('Custom controls')).toBeTruthy();
  });

  it('says when no known issue matched', async () => {
    await renderConsole(<NewRequestPage />, {
      routes: routes(() => ({
        status: 200,
        body: { classification: { knownIssue: null, eligibility: 'undetermined', confidence: 0, guidance: null, missingDetails: [] } },
      })),
    });
    await userEvent.setup().type(screen.getByLabelText('Title'), 'Something else');
    await waitFor(() => expect(screen.getByTestId('guidance').textContent).toContain('No known issue matched'));
  });

  it('shows each field a 422 names next to that field, and sends an Idempotency-Key', async () => {
    const { seen } = await renderConsole(<NewRequestPage />, {
      routes: routes(
        () => ({
          status: 200,
          body: { classification: { knownIssue: null, eligibility: 'undetermined', confidence: 0, guidance: null, missingDetails: [] } },
        }),
        () => ({
          status: 422,
          body: {
            type: 't',
            title: 'Unprocessable Content',
            status: 422,
            detail: 'd',
            code: 'validation.failed',
            errors: [{ field: 'contact.email', message: 'contact.email must be an email' }],
          },
        }),
      ),
    });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Contact email'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Some fields need attention.'));
    const email = screen.getByLabelText('Contact email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = email.getAttribute('aria-describedby')!.split(' ');
    expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toContain('contact.email must be an email');
    const filing = seen.find((s) => s.method === 'POST' && s.path === '/v1/exception-requests')!;
    expect(filing.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(filing.body).toMatchObject({ topic: 'MFA and secure application model', issueType: 'Submit request for technical exception' });
  });
});
