import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from './domain/known-issues.js';
import { pickLocale } from './domain/locale.js';

/**
 * The language the answer is written in (the catalogue's guidance), chosen from Accept-Language and
 * said in Content-Language, with Vary so that caches keep one answer per language.
 */
export const AnswerLocale = createParamDecorator((_: unknown, context: ExecutionContext): Locale => {
  const http = context.switchToHttp();
  const locale = pickLocale(http.getRequest<FastifyRequest>().headers['accept-language']);
  void http.getResponse<FastifyReply>().header('content-language', locale).header('vary', 'Accept-Language');
  return locale;
});
