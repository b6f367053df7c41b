import { isReviewer, type Caller } from '../platform/auth/caller.js';
import type { Page } from '../platform/pagination/cursor.js';
import { displayNameOnly, type PersonView } from '../shared/person.js';
import type { ExceptionRequestEntity } from './exception-request.entity.js';
import type { RequestMessageEntity } from './request-message.entity.js';

/** The request as the contract shows it (api.md, "The request resource"). */
export function toRequestView(row: ExceptionRequestEntity) {
  return {
    id: row.id,
    tenantId: row.tenantId,
    submittedBy: row.submittedBy as PersonView,
    topic: row.topic,
    issueType: row.issueType,
    title: row.title,
    description: row.description,
    affectedUserIds: row.affectedUserIds,
    surfaces: row.surfaces,
    thirdPartyMfa: row.thirdPartyMfa,
    contact: row.contact,
    status: row.status,
    classification: row.classification,
    sla: {
      dueAt: row.slaDueAt.toISOString(),
      state: row.slaState,
      pausedAt: row.slaPausedAt?.toISOString() ?? null,
    },
    assignee: row.assignee as PersonView | null,
    decision: row.decision ? { ...row.decision, decidedBy: row.decision.decidedBy as PersonView } : null,
    grantId: row.grantId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
export type RequestView = ReturnType<typeof toRequestView>;

export function toMessageView(row: RequestMessageEntity) {
  return {
    id: row.id,
    requestId: row.requestId,
    author: row.author as { kind: 'partner' | 'reviewer'; userId?: string | null; name: string | null },
    body: row.body,
    createdAt: row.createdAt.toISOString(),
  };
}
export type MessageView = ReturnType<typeof toMessageView>;

/** The request as a partner sees it: platform staff by display name only. */
export function partnerRequestView(view: RequestView): RequestView {
  return {
    ...view,
    assignee: displayNameOnly(view.assignee),
    decision: view.decision ? { ...view.decision, decidedBy: displayNameOnly(view.decision.decidedBy) } : null,
  };
}

export function partnerMessageView(view: MessageView): MessageView {
  return view.author.kind === 'partner' ? view : { ...view, author: { kind: view.author.kind, name: view.author.name } };
}

/** Partners see their own tenant's requests; reviewers see every tenant's (null). */
export function visibleTenant(caller: Caller): string | null {
  return isReviewer(caller) ? null : caller.tenantId;
}

/** Each answer as its caller may see it: partners see platform staff by display name only. */
export const requestFor = (caller: Caller, view: RequestView): RequestView => (isReviewer(caller) ? view : partnerRequestView(view));
export const messageFor = (caller: Caller, view: MessageView): MessageView => (isReviewer(caller) ? view : partnerMessageView(view));
export const pageFor = <T>(page: Page<T>, view: (item: T) => T): Page<T> => ({ ...page, items: page.items.map(view) });
