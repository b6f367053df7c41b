// Turns a partner's free text (English, Japanese or both) into one canonical string the signal
// patterns can match: width and case folded, punctuation removed, common misspellings of the domain's
// key words corrected, and synonyms and abbreviations rewritten to one token each (so that "2FA",
// "multi-factor" and "多要素認証" are all " mfa "). Japanese needs no segmentation here: signals
// match Japanese phrases as substrings, which is what character n-grams would approximate.

/** Words whose misspellings are worth correcting: long enough that one edit is not another word. */
const VOCABULARY = [
  'authenticator',
  'authentication',
  'powershell',
  'delegated',
  'delegation',
  'exchange',
  'legacy',
  'protocol',
  'protocols',
  'federation',
  'federated',
  'service',
  'account',
  'accounts',
  'printer',
  'printers',
  'scanner',
  'scanners',
  'kiosk',
  'kiosks',
  'outlook',
  'activesync',
  'third',
  'custom',
  'controls',
  'multifactor',
  'exception',
  'administrator',
  'administrators',
  'administration',
  'privileges',
  'privilege',
  'customer',
  'customers',
  'tenant',
  'tenants',
  'agents',
  'smartphone',
  'smartphones',
  'personal',
  'recognized',
  'recognised',
  'recognize',
  'recognise',
  'identity',
  'provider',
  'module',
  'implement',
  'implemented',
  'implementation',
  'rollout',
  'deadline',
  'technicians',
  'engineers',
  'mailbox',
  'mailboxes',
  'basic',
  'modern',
  'policy',
  'clean',
  'phones',
  'mobile',
  'devices',
  'device',
  'shared',
  'signage',
  'terminal',
  'terminals',
  'warehouse',
  'password',
  'passwords',
  'invoice',
  'billing',
  'registration',
  'register',
  'enrollment',
  'enrolment',
  'security',
  'verification',
  'microsoft',
  'application',
  'claims',
  'references',
  'connector',
  'extension',
];

const VOCABULARY_SET = new Set(VOCABULARY);
const correctionCache = new Map<string, string>();
const CORRECTION_CACHE_LIMIT = 20_000;

/** Rewrites applied in order to the folded text. Each names the canonical token it produces. */
const CANONICAL: readonly [RegExp, string][] = [
  // Product and protocol names first, so that later rules see one token.
  [
    /\bconnect-exchangeonline\b|\bexchangeonlinemanagement\b|\bexo ?v[1-3]\b|\b(exo|exchange[- ]?online)( remote)? ps\b/g,
    ' exchangeonline powershell ',
  ],
  [/\bremote ps\b/g, ' remote powershell '],
  // From here on hyphens separate words: "admin-on-behalf-of" and "non-DAP" read as spaced.
  [/-/g, ' '],
  [/\baccts?\b/g, ' accounts '],
  // "dont", "havent", "cant": contractions typed without the apostrophe read as the ones with it.
  [/\b(don|doesn|didn|isn|aren|wasn|weren|haven|hasn|hadn|won|wouldn|couldn|shouldn|can)t\b/g, ' $1 t '],
  [/\bexchange[- ]?online\b|\bexo\b|エクスチェンジ ?オンライン/g, ' exchangeonline '],
  [/\bpower ?shell\b|\bpwsh\b|パワーシェル/g, ' powershell '],
  [/\bazure (active directory|ad)\b|\baad\b|\bentra( id)?\b|\bazure ?ad\b|アジュール ?ad/g, ' entra '],
  [
    /\b(ms|microsoft) authenticator( app(lication)?)?\b|\bauthenticator apps?\b|\bauthenticator\b|オーセンティケーター|認証アプリ/g,
    ' authenticator ',
  ],
  [
    /\b(2fa|mfa|two ?factor( auth(entication)?)?|multi ?factor( auth(entication)?)?|2 ?step verification|two ?step verification|second (sign in )?factor)\b/g,
    ' mfa ',
  ],
  [/多要素認証|多要素|多用素認証|二要素認証|2要素認証|二段階認証|2段階認証|ニ要素認証|多段階認証|二要素|2要素/g, ' mfa '],
  [
    /\b(g?dap|aobo)\b|\badmin(istrat(ion|ive|or))? on behalf of\b|\bdelegated (admins?|administrat(ion|ive|ors?)|administration)( privileges?| rights?| permissions?| roles?| relationships?| access)?\b|\bdelegated privileges?\b|\bpartner delegated\b/g,
    ' delegatedadmin ',
  ],
  [
    /(委任|委託)された管理者?特権|(委任|委託)された管理者?権限|(委任|委託)された管理者?|代理管理者?特権|代理管理者?権限|代理管理|代理で(管理|運用|操作|サインイン|ログイン|アクセス)|委任管理者?(特権|権限)?|委任権限|パートナー代理|管理代行/g,
    ' delegatedadmin ',
  ],
  [
    /\bthird[- ]party\b|\b3rd[- ]party\b|サードパーティー?|サード パーティー?|他社製?の?|外部の?(?=(mfa|idp|認証|ソリューション|プロバイダ))/g,
    ' thirdparty ',
  ],
];

export function normalizeText(raw: string): string {
  let text = raw.normalize('NFKC').toLowerCase();
  // Keep letters, digits, hyphens (cmdlet names) and Japanese; everything else separates words.
  text = text.replace(/[^\p{L}\p{N}-]+/gu, ' ');
  text = text.replace(/[a-z]+/g, correctSpelling);
  for (const [pattern, token] of CANONICAL) text = text.replace(pattern, token);
  return ` ${text.replace(/\s+/g, ' ').trim()} `;
}

function correctSpelling(word: string): string {
  if (word.length < 6 || VOCABULARY_SET.has(word)) return word;
  const cached = correctionCache.get(word);
  if (cached !== undefined) return cached;
  const allowed = word.length >= 9 ? 2 : 1;
  let best = word;
  let bestDistance = allowed + 1;
  for (const candidate of VOCABULARY) {
    if (Math.abs(candidate.length - word.length) > allowed || candidate[0] !== word[0]) continue;
    const distance = boundedDistance(word, candidate, allowed);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (correctionCache.size >= CORRECTION_CACHE_LIMIT) correctionCache.clear();
  correctionCache.set(word, best);
  return best;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), giving up as soon as
 * it must exceed `limit`.
 */
export function boundedDistance(a: string, b: string, limit: number): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  let before = new Array<number>(cols).fill(0);
  let previous = Array.from({ length: cols }, (_, j) => j);
  let current = new Array<number>(cols).fill(0);
  for (let i = 1; i < rows; i++) {
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[cols - 1];
}
