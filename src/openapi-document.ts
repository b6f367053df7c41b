import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { STATUS_PATH } from './enforcement/enforcement-hot-path.js';
import { STATUS_OPENAPI } from './enforcement/status-openapi.js';

const TAGS: [string, string][] = [
  ['exception requests', 'Filing, reading and following technical exception requests (partner admins; reviewers read all)'],
  ['review', 'The review queue: claims, information requests, decisions (reviewers and review leads)'],
  ['exception grants', 'Time-limited grants created by approvals'],
  ['known issues', 'The seven known issues to check before filing'],
  ['notifications', 'Notices for partners and reviewers'],
  ['webhooks', 'Signed webhooks (Standard Webhooks) for partner admins and review leads, with their deliveries'],
  ['reports', "How the classifier agrees with reviewers' decisions"],
  ['enforcement', 'For enforcement services (app-only tokens): may this call skip MFA, and the grant feed to keep a copy'],
  ['me', 'The caller'],
  ['health', 'Liveness and readiness probes (no token)'],
];

/** Operations anyone may call: no token, so no security requirement in the document. */
const PUBLIC_PREFIXES = ['/health/'];

/**
 * The OpenAPI document, generated from the controllers and their answer models, with what the
 * generator cannot see: the status route served outside Nest, and that health needs no token.
 */
export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('MFA technical exception requests')
    .setDescription(
      'File, review and enforce MFA technical exceptions for partner tenants. Every error is RFC 9457 problem+json with a stable `code`.',
    )
    .setVersion('1')
    .setLicense('Proprietary (UNLICENSED)', 'https://mfa-exceptions.example.com/terms')
    .addServer('/', 'the service that served this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer');
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: (_controller, method) => method,
  });
  document.paths[STATUS_PATH] = STATUS_OPENAPI as (typeof document.paths)[string];
  for (const [path, item] of Object.entries(document.paths)) {
    if (!PUBLIC_PREFIXES.some((prefix) => path.startsWith(prefix))) continue;
    for (const operation of Object.values(item)) (operation as { security?: unknown[] }).security = [];
  }
  return document;
}

/**
 * The document with what varies between two starts of the service taken out: example times (the
 * decision's example grant expires three months after the start, so that /docs offers a body the
 * service accepts). The committed openapi/openapi.json is compared with the live one this way.
 */
export function normalizedDocument<T>(document: T): T {
  return JSON.parse(JSON.stringify(document), (key, value: unknown) => (key === 'example' ? withFixedTimes(value) : value)) as T;
}

/** An example with every timestamp in it fixed, however deep: the grant example's `expiresAt` too. */
function withFixedTimes(value: unknown): unknown {
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T/.test(value) ? '2026-01-01T00:00:00.000Z' : value;
  if (Array.isArray(value)) return value.map(withFixedTimes);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withFixedTimes(v)]));
  return value;
}
