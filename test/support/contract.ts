import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../../openapi/schema.js';

type Document = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };

/**
 * Checks answers against the OpenAPI document: the schema of the operation's status and content
 * type, with the document's own components, formats included. A status the document does not list
 * for the operation is a failure too.
 */
export class ContractValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly failures: string[] = [];
  readonly checked: string[] = [];

  constructor(private readonly document: Document) {
    addFormats.default(this.ajv);
    this.ajv.addSchema(asJsonSchema(document) as object, 'openapi');
  }

  async check(method: string, schemaPath: string, response: Response): Promise<void> {
    const operation = this.document.paths[schemaPath]?.[method.toLowerCase()];
    const where = `${method} ${schemaPath} ${response.status}`;
    if (!operation) return void this.failures.push(`${where}: no such operation in the document`);
    const declared = operation.responses[String(response.status)];
    if (!declared) return void this.failures.push(`${where}: status not declared`);
    this.checked.push(where);
    if (response.status === 204) return;
    const type = (response.headers.get('content-type') ?? '').split(';')[0].trim();
    if (!declared.content?.[type]) return void this.failures.push(`${where}: content type ${type} not declared`);
    const pointer = `openapi#/paths/${escape(schemaPath)}/${method.toLowerCase()}/responses/${response.status}/content/${escape(type)}/schema`;
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: pointer });
      this.compiled.set(pointer, validate);
    }
    const body: unknown = await response.clone().json();
    if (!validate(body)) this.failures.push(`${where}: ${this.ajv.errorsText(validate.errors)}`);
  }
}

/**
 * OpenAPI 3.0's `nullable` in JSON Schema terms: `null` allowed beside the type, or beside a
 * referenced schema (`allOf: [$ref]` with `nullable`, which ajv's own `nullable` does not cover).
 */
function asJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asJsonSchema);
  if (!value || typeof value !== 'object') return value;
  const copy = Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, asJsonSchema(inner)])) as Record<string, unknown>;
  if (copy.nullable !== true) return copy;
  const { nullable: _nullable, ...schema } = copy;
  if (schema.allOf || schema.$ref) {
    const { type: _type, ...referenced } = schema;
    return { anyOf: [referenced, { type: 'null' }] };
  }
  return typeof schema.type === 'string' ? { ...schema, type: [schema.type, 'null'] } : { anyOf: [schema, { type: 'null' }] };
}

function escape(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** A client typed from openapi/schema.d.ts that validates every answer it gets. */
export function typedClient(baseUrl: string, token: string, validator: ContractValidator): Client<paths> {
  const client = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` } });
  client.use({
    onResponse: async ({ request, schemaPath, response }) => {
      await validator.check(request.method, schemaPath, response);
    },
  });
  return client;
}
