import type { FastifyReply } from 'fastify';
import type { Locale } from './domain/known-issues.js';
import { pickLocale } from './domain/locale.js';

/**
 * The language an answer is written in (the catalogue's guidance), chosen from Accept-Language and
 * said in Content-Language, with Vary so that caches keep one answer per language.
 */
export function negotiateLocale(reply: FastifyReply, acceptLanguage: string | undefined): Locale {
  const locale = pickLocale(acceptLanguage);
  void reply.header('content-language', locale).header('vary', 'Accept-Language');
  return locale;
}
