/** Someone who acted, as stored: (tenant, user) is the identity; upn and name are for display. */
export interface PersonRef {
  /** The person's directory; absent on rows written before identities were (tenant, user). */
  tenantId?: string | null;
  userId: string | null;
  upn: string | null;
  name: string | null;
}

/** A person as an answer shows them: partners see platform staff by display name only. */
export type PersonView = Partial<PersonRef> & { name: string | null };

/**
 * Partners see who on the platform's side handled their request by display name only: a reviewer's
 * user id and sign-in name are the platform's own directory data.
 */
export function displayNameOnly(person: PersonView): PersonView;
export function displayNameOnly(person: PersonView | null): PersonView | null;
export function displayNameOnly(person: PersonView | null): PersonView | null {
  return person === null ? null : { name: person.name };
}
