import { parse as parseQuery } from 'node:querystring';
import { describe, expect, it } from 'vitest';
import { statusParams } from '../../src/enforcement/status-query.js';

const TENANT = '3f1c2b8e-1a2b-4c3d-8e9f-0123456789ab';
const USER = '7a6b5c4d-3e2f-4a1b-9c8d-abcdef012345';

/** What the status route read before: querystring's answer, limited to the three parameters. */
function reference(query: string) {
  const parsed = parseQuery(query);
  return Object.fromEntries(['tenantId', 'userId', 'surface'].filter((key) => parsed[key] !== undefined).map((key) => [key, parsed[key]]));
}

describe('statusParams', () => {
  const cases = [
    `tenantId=${TENANT}&userId=${USER}&surface=delegated_admin`,
    `surface=partner_center_api&userId=${USER}&tenantId=${TENANT}`,
    `tenantId=${TENANT}&tenantId=${USER}&userId=${USER}`,
    `tenantId=a&tenantId=b&tenantId=c`,
    `tenantId&userId=&surface==x`,
    `&&tenantId=${TENANT}&&`,
    '',
    '=',
    '&',
    `tenantid=${TENANT}&USERID=${USER}`,
    `tenantId=${TENANT.toUpperCase()}&userId=${USER}&surface=delegated_admin&extra=1&x`,
    `tenantId=%33f1c2b8e-1a2b-4c3d-8e9f-0123456789ab&userId=${USER}`,
    `surface=delegated+admin&tenant%49d=${TENANT}`,
    `surface=%E0%A4%A&userId=%ZZ`,
    `userId=${USER}#fragment`,
    `${'a=1&'.repeat(999)}tenantId=${TENANT}`,
    `${'a=1&'.repeat(1000)}tenantId=${TENANT}`,
    `${'a&'.repeat(1200)}userId=${USER}`,
  ];

  it.each(cases.map((query) => [query.length > 80 ? `${query.slice(0, 60)}… (${query.length} chars)` : query, query]))(
    'reads %j as querystring does',
    (_name, query) => {
      expect(statusParams(query)).toEqual(reference(query));
    },
  );

  it('agrees with querystring on random queries built from the characters that matter', () => {
    const alphabet = ['tenantId', 'userId', 'surface', '=', '&', 'x', TENANT, '', '%41', '+'];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % alphabet.length;
    for (let run = 0; run < 2000; run++) {
      const query = Array.from({ length: 1 + (run % 12) }, next)
        .map((index) => alphabet[index])
        .join('');
      expect(statusParams(query), query).toEqual(reference(query));
    }
  });
});
