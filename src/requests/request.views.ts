import type { ExceptionRequestEntity } from './exception-request.entity.js';
import type { RequestMessageEntity } from './request-message.entity.js';

/** The request as the contract shows it (api.md, "The request resource"). */
export function toRequestView(row: ExceptionRequestEntity) {
  return {
    id: row.id,
    tenantId: row.tenantId,
    submittedBy: row.submittedBy,
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
    assignee: row.assignee,
    decision: row.decision,
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
    author: row.author,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
  };
}
export type MessageView = ReturnType<typeof toMessageView>;
