import { SURFACES } from '../shared/surfaces.js';

// GET /v1/enforcement/status is answered outside Nest (enforcement-hot-path.ts), so the document
// generator cannot see it: its entry is written here.

/** The route's OpenAPI entry: Nest's document builder only sees controller routes. */
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemModel' } } },
});
export const STATUS_OPENAPI = {
  get: {
    operationId: 'getEnforcementStatus',
    tags: ['enforcement'],
    summary: 'Is MFA exempt for this tenant, user and surface now? Answered from memory (enforcement role).',
    security: [{ bearer: [] }],
    parameters: [
      { name: 'tenantId', in: 'query', required: true, schema: { type: 'string', format: 'uuid' } },
      { name: 'userId', in: 'query', required: true, schema: { type: 'string', format: 'uuid' } },
      { name: 'surface', in: 'query', required: true, schema: { type: 'string', enum: [...SURFACES] } },
    ],
    responses: {
      '200': {
        description: '{ exempt, grantId, expiresAt }',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/StatusModel' } } },
      },
      '400': problem('a parameter is missing or malformed (validation.failed)'),
      '401': problem('no valid bearer token (auth.invalid_token)'),
      '403': problem('not an enforcement caller (auth.forbidden)'),
      '503': problem('this instance has not caught up with recent grant changes: require MFA and retry (service.unavailable)'),
    },
  },
};
