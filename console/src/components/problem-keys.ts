import type { MessageKey } from '../i18n/types';
import { en } from '../i18n/en';

/** The dictionary key of a problem code's message ('problem.unknown' for a code this build does not know). */
export function problemMessageKey(code: string): MessageKey {
  const key = `problem.${code}`;
  return (key in en ? key : 'problem.unknown') as MessageKey;
}

/** The form label of a field a validation problem names (contact.email → "Email"), when there is one. */
export function fieldLabelKey(field: string): MessageKey | null {
  const key = `field.${field.replace(/\[\d+\]/g, '')}`;
  return key in en ? (key as MessageKey) : null;
}
