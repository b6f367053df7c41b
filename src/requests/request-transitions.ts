import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActorKind } from '../shared/audit-event-types.js';
import { AuditRepository } from '../audit/audit.repository.js';
import { eventOf, nextStatus, type RequestAction } from './domain/request-lifecycle.js';
import type { ExceptionRequestEntity } from './exception-request.entity.js';
import { RequestsRepository } from './requests.repository.js';

export interface Actor {
  readonly kind: ActorKind;
  readonly userId: string | null;
}

/**
 * The one way a request changes status: the lifecycle table decides (409 naming the current status
 * when it refuses), the row is saved and the audit event written, in the caller's transaction.
 */
@Injectable()
export class RequestTransitions {
  constructor(
    private readonly requests: RequestsRepository,
    private readonly audit: AuditRepository,
  ) {}

  async apply(
    em: EntityManager,
    request: ExceptionRequestEntity,
    action: RequestAction,
    actor: Actor,
    now: Date,
    data: Record<string, unknown> | null = null,
  ): Promise<void> {
    const from = request.status;
    request.status = nextStatus(from, action);
    request.updatedAt = now;
    await this.requests.save(em, request);
    await this.audit.append(em, {
      requestId: request.id,
      tenantId: request.tenantId,
      type: eventOf(action, from),
      actor,
      at: now,
      from,
      to: request.status,
      data,
    });
  }
}
