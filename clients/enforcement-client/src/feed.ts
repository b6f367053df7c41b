// The service's grant feed as the client reads it (GET /v1/enforcement/grants/changes and
// /grants/snapshot), with the shape checked before anything is applied.

import type { GrantRecord } from '../../../src/enforcement/domain/grant-copy.js';
import type { CallOptions, ServiceApi } from './http.js';

export interface FeedItem {
  readonly cursor: string;
  readonly type: 'created' | 'revoked' | 'expired';
  readonly at: string;
  readonly grant: GrantRecord;
}

export interface ChangesPage {
  readonly items: FeedItem[];
  readonly nextCursor: string | null;
  readonly resumeCursor: string;
}

interface SnapshotHead {
  readonly cursor: string;
  readonly grants: GrantRecord[];
  readonly nextCursor: string | null;
}

/** Changes per page while catching up (the service's most). */
const CHANGES_PAGE = 200;
/** Grants per snapshot page (the service's most). */
const SNAPSHOT_PAGE = 1000;

/** Thrown when an answer is not what the contract says: treated like a failed call. */
export class FeedShapeError extends Error {
  constructor(what: string) {
    super(`unexpected answer from the service: ${what}`);
    this.name = 'FeedShapeError';
  }
}

/**
 * Every active grant, a page at a time, and the feed cursor they reflect. The changes call without
 * a cursor carries the snapshot's first page; its own items (the feed from the beginning) are not
 * needed, hence limit=1.
 */
export async function readSnapshot(api: ServiceApi, options: CallOptions): Promise<{ grants: GrantRecord[]; cursor: string }> {
  const head = await api.get<{ snapshot?: SnapshotHead }>('/v1/enforcement/grants/changes?limit=1', options);
  const snapshot = head?.snapshot;
  if (!snapshot || typeof snapshot.cursor !== 'string' || !Array.isArray(snapshot.grants)) throw new FeedShapeError('no snapshot');
  const grants = [...snapshot.grants];
  for (let next = snapshot.nextCursor; next;) {
    const page = await api.get<{ items: GrantRecord[]; nextCursor: string | null }>(
      `/v1/enforcement/grants/snapshot?limit=${SNAPSHOT_PAGE}&cursor=${encodeURIComponent(next)}`,
      options,
    );
    if (!Array.isArray(page?.items)) throw new FeedShapeError('snapshot page without items');
    grants.push(...page.items);
    next = page.nextCursor;
  }
  return { grants, cursor: snapshot.cursor };
}

/** The changes after `cursor`; with nothing after it, the service holds the answer up to `waitSeconds`. */
export async function readChanges(api: ServiceApi, cursor: string, waitSeconds: number, options: CallOptions): Promise<ChangesPage> {
  const page = await api.get<ChangesPage>(
    `/v1/enforcement/grants/changes?cursor=${encodeURIComponent(cursor)}&limit=${CHANGES_PAGE}&wait=${waitSeconds}`,
    options,
  );
  if (!Array.isArray(page?.items) || typeof page.resumeCursor !== 'string') throw new FeedShapeError('changes page without items');
  return page;
}
