import createClient from 'openapi-fetch';
import type { paths } from '../openapi/schema.js'; // generated from GET /openapi.json (npm run openapi:update)

export async function fileRequest(baseUrl: string, token: string, userId: string) {
  const api = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` } });
  const { data, error } = await api.POST('/v1/exception-requests', {
    body: {
      title: 'Exchange Online PowerShell cannot do MFA',
      description: 'Our agents manage customer mailboxes with Exchange Online PowerShell and delegated admin privileges.',
      affectedUserIds: [userId],
      surfaces: ['delegated_admin'],
      contact: { name: 'Aiko Tanaka', email: 'aiko@partner.example' },
    },
  });
  if (error) throw new Error(`${error.code}: ${error.detail}`); // every error is a typed problem with a stable code
  return data; // typed: data.classification.knownIssue, data.sla.dueAt, data.allowedActions, …
}
