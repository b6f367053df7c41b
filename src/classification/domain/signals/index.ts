// The evidence the classifier looks for, as data, one file per known issue. Each signal is a pattern
// over normalised text (see ../text-normalizer.ts: synonyms are already one token, e.g. " mfa ",
// " delegatedadmin ", " exchangeonline ", " powershell ", " authenticator ", " thirdparty ",
// " entra "; hyphens and punctuation are spaces) and the weight it adds to known issues; a negative
// weight is evidence against. To add a signal: add a row, add a development-corpus case that needs it,
// and run `npm run eval:classifier -- --errors=<part>`.

import { AFFECTED_GROUP_SIGNALS } from './affected-groups.js';
import { AUTHENTICATOR_SIGNALS } from './authenticator.js';
import { EXCHANGE_POWERSHELL_SIGNALS } from './exchange-powershell.js';
import { LEGACY_AUTH_SIGNALS } from './legacy-auth.js';
import { MORE_TIME_SIGNALS } from './more-time.js';
import { SERVICE_ACCOUNT_SIGNALS } from './service-accounts.js';
import { THIRD_PARTY_MFA_SIGNALS } from './third-party-mfa.js';
import type { Signal } from './types.js';

export { ABSTAIN_SIGNALS } from './not-a-request.js';
export { DONE_CLAUSE } from './more-time.js';
export { THIRD_PARTY_FORM_SIGNAL } from './third-party-mfa.js';
export type { AbstainSignal, Signal } from './types.js';

export const SIGNALS: readonly Signal[] = [
  ...MORE_TIME_SIGNALS,
  ...AFFECTED_GROUP_SIGNALS,
  ...SERVICE_ACCOUNT_SIGNALS,
  ...AUTHENTICATOR_SIGNALS,
  ...LEGACY_AUTH_SIGNALS,
  ...EXCHANGE_POWERSHELL_SIGNALS,
  ...THIRD_PARTY_MFA_SIGNALS,
];
