import { type Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROBLEM_CODE_LIST } from '../../shared/problem-codes.js';

// Answer shapes several capabilities share, as classes the OpenAPI document is generated from.

/** A person as an answer shows them; partners see platform staff by `name` only. */
export class PersonModel {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: "the person's directory (tenant id); staff only" })
  tenantId?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'directory object id; absent for partners looking at staff',
  })
  userId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'sign-in name; absent for partners looking at staff' })
  upn?: string | null;

  @ApiProperty({ type: String, nullable: true })
  name: string | null;
}

export class FieldErrorModel {
  @ApiProperty({ example: 'contact.email', description: 'the field, as a dotted path; `(body)` for the body as a whole' })
  field: string;

  @ApiProperty({ example: 'email must be an email address' })
  message: string;
}

/** RFC 9457 problem details with this service's stable `code`. */
export class ProblemModel {
  @ApiProperty({ format: 'uri', example: 'https://mfa-exceptions.example.com/problems/review.claim_lapsed' })
  type: string;

  @ApiProperty({ example: 'Conflict' })
  title: string;

  @ApiProperty({ type: 'integer', example: 409 })
  status: number;

  @ApiProperty({ example: 'Your claim on this request has lapsed; claim it again to go on.' })
  detail: string;

  @ApiProperty({ enum: PROBLEM_CODE_LIST, enumName: 'ProblemCode', description: 'stable: translate this, not `detail`' })
  code: string;

  @ApiPropertyOptional({ example: '/v1/exception-requests/0b5e7c52-2f1d-4b8e-9a37-0d7f3c0b9a11/decision' })
  instance?: string;

  @ApiPropertyOptional({ description: 'quote it when asking for help: it finds the request in the logs' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorModel], description: 'validation problems, one per field' })
  errors?: FieldErrorModel[];

  @ApiPropertyOptional({ description: "the resource's status, when an action does not fit it (409)" })
  currentStatus?: string;
}

/** `{ items, nextCursor }` of one item model, named `<Name>` in the document. */
export function PageOf<T>(item: Type<T>, name: string): Type<{ items: T[]; nextCursor: string | null }> {
  class Page {
    @ApiProperty({ type: [item] })
    items: T[];

    @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page; null on the last' })
    nextCursor: string | null;
  }
  Object.defineProperty(Page, 'name', { value: name });
  return Page;
}
