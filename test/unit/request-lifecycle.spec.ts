import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/shared/domain-error.js';
import {
  canApply,
  eventOf,
  IllegalTransitionError,
  isFinal,
  nextStatus,
  REQUEST_STATUSES,
  type RequestAction,
  type RequestStatus,
} from '../../src/requests/domain/request-lifecycle.js';

const LEGAL: [RequestStatus, RequestAction, RequestStatus][] = [
  ['submitted', 'claim', 'in_review'],
  ['in_review', 'release', 'submitted'],
  ['submitted', 'reassign', 'in_review'],
  ['in_review', 'reassign', 'in_review'],
  ['in_review', 'request_info', 'info_requested'],
  ['info_requested', 'partner_reply', 'submitted'],
  ['info_requested', 'partner_reply_to_claimant', 'in_review'],
  ['in_review', 'approve', 'approved'],
  ['in_review', 'reject', 'rejected'],
  ['submitted', 'withdraw', 'withdrawn'],
  ['in_review', 'withdraw', 'withdrawn'],
  ['info_requested', 'withdraw', 'withdrawn'],
];
const ACTIONS: RequestAction[] = [
  'claim',
  'release',
  'reassign',
  'request_info',
  'partner_reply',
  'partner_reply_to_claimant',
  'approve',
  'reject',
  'withdraw',
];

describe('request lifecycle', () => {
  it.each(LEGAL)('moves a %s request on %s to %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
    expect(canApply(from, action)).toBe(true);
  });

  it('refuses every move the table does not list, naming the current status', () => {
    const legal = new Set(LEGAL.map(([from, action]) => `${from}:${action}`));
    let refused = 0;
    for (const status of REQUEST_STATUSES) {
      for (const action of ACTIONS) {
        if (legal.has(`${status}:${action}`)) continue;
        expect(canApply(status, action)).toBe(false);
        const error = catchError(() => nextStatus(status, action));
        expect(error).toBeInstanceOf(IllegalTransitionError);
        expect(error).toBeInstanceOf(DomainError);
        expect((error as IllegalTransitionError).currentStatus).toBe(status);
        expect((error as Error).message).toContain(status);
        refused++;
      }
    }
    expect(refused).toBe(REQUEST_STATUSES.length * ACTIONS.length - LEGAL.length);
  });

  it('keeps decided and withdrawn requests final: nothing moves them', () => {
    for (const status of ['approved', 'rejected', 'withdrawn'] as const) {
      expect(isFinal(status)).toBe(true);
      expect(ACTIONS.filter((action) => canApply(status, action))).toEqual([]);
    }
    expect(isFinal('submitted')).toBe(false);
    expect(isFinal('info_requested')).toBe(false);
  });

  it('lets the partner withdraw only what is not decided yet', () => {
    expect(REQUEST_STATUSES.filter((s) => canApply(s, 'withdraw'))).toEqual(['submitted', 'in_review', 'info_requested']);
  });

  it('names the event each move writes: a lead assigning a waiting request claims it for the reviewer', () => {
    expect(eventOf('reassign', 'submitted')).toBe('request.claimed');
    expect(eventOf('reassign', 'in_review')).toBe('request.reassigned');
    expect(eventOf('claim', 'submitted')).toBe('request.claimed');
    expect(eventOf('approve', 'in_review')).toBe('request.decided');
    expect(eventOf('reject', 'in_review')).toBe('request.decided');
    expect(eventOf('partner_reply', 'info_requested')).toBe('request.info_provided');
  });

  it('returns a request waiting on the partner to the queue when the partner replies', () => {
    expect(nextStatus('info_requested', 'partner_reply')).toBe('submitted');
    expect(canApply('submitted', 'partner_reply')).toBe(false);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
