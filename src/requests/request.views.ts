import type { ExceptionRequestEntity, PersonRef } from './exception-request.entity.js';
import type { RequestMessageEntity } from './request-message.entity.js';

/** A person as an answer shows them: partners see platform staff by display name only. */
export type PersonView = Partial<PersonRef> & { name: string | null };

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

/**
 * Partners see who on the platform's side handles their request by display name only: a reviewer's
 * user id and sign-in name are the platform's own directory data.
 */
export function displayNameOnly(person: PersonView): PersonView;
export function displayNameOnly(person: PersonView | null): PersonView | null;
export function displayNameOnly(person: PersonView | null): PersonView | null {
  return person === null ? null : { name: person.name };
}

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
