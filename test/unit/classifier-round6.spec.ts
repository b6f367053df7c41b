import { describe, expect, it } from 'vitest';
import { roleOf, rulesOnly, signalIds } from '../support/classifier-probes.js';
import { FAILURE } from '../../src/classification/domain/signals/asking.js';

// GitHub issue 14, round 6: the readings tuned on classifier-dev-5 (tidy style, English-heavy, a new
// writer), each checked on text written for the test (not corpus cases). Every rule was seen failing
// here with it disabled.

const ids = signalIds;

describe('round 6: more time, in other words', () => {
  it('"need another month" asks for time', () => {
    expect(ids(rulesOnly('Finance team', 'Our finance clerks need another month before MFA is switched on for them.'))).toContain(
      'needs_more_time',
    );
  });
  it('"until the end of the year" asks for time', () => {
    expect(ids(rulesOnly('Finance team', 'Please give our finance clerks until the end of the year for MFA.'))).toContain(
      'needs_more_time',
    );
  });
});

describe('round 6: background in other words', () => {
  it('"no exception needed" does not start an ask of its own: the clause before it is set aside too', () => {
    expect(roleOf('Our agents are still enrolling, which we will finish with no exception needed.', 'still enrolling')).toBe('aside');
  });
  it('"the module handles MFA fine" is a problem over', () => {
    expect(roleOf('We moved to the new module and it handles MFA fine.', 'handles')).toBe('resolved');
  });
  it('"our exception for … was approved" is an exception that exists', () => {
    expect(roleOf('The exception for the EXO PowerShell work was approved in May.', 'approved')).toBe('existing_exception');
  });
  it.each([
    ['Our board is considering a ban on phones at the desks.', 'considering'],
    ['We are acquiring a reseller whose staff use Outlook 2010.', 'acquiring'],
    ['Should that happen, we would need help.', 'Should that happen'],
    ['Once they join our tenant, their mail moves too.', 'Once they join'],
  ])('"%s" is a plan', (text, words) => {
    expect(roleOf(text, words)).toBe('hypothetical');
  });
});

describe('round 6: problems stated in other words', () => {
  it('"does not record" and "are stopped" state a failure', () => {
    expect(FAILURE.test(' entra does not record the sign in ')).toBe(true);
    expect(FAILURE.test(' agents are stopped at the customer tenant ')).toBe(true);
  });
  it('"Authenticator is not installable" and the store\'s "not compatible" say the app cannot be used', () => {
    expect(ids(rulesOnly('Old handsets', 'Authenticator is not installable on our handsets.'))).toContain('authenticator_unusable');
    expect(ids(rulesOnly('Old handsets', 'The Play Store says the app is not compatible with our handsets.'))).toContain(
      'authenticator_unusable',
    );
  });
  it('"Azure AD does not record that MFA took place" is the claim not passed', () => {
    expect(ids(rulesOnly('Duo', 'We use Duo through ADFS, but Azure AD does not record that MFA took place.'))).toContain(
      'mfa_claim_not_passed',
    );
  });
  it('"no particular reason" / 「理由は特にありません」 is a request with no blocker', () => {
    expect(ids(rulesOnly('Exception', 'Please exempt all our users, no particular reason.'))).toContain('no_reason_given');
    expect(ids(rulesOnly('例外', '全員を例外にしてください。理由は特にありません。'))).toContain('no_reason_given');
  });
});
