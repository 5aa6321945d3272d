/**
 * The one error handler: GlaceonError -> its status and body; Fastify's own
 * input errors (malformed JSON, schema, size, media type) -> the matching
 * ErrorCode; anything else -> INTERNAL with details only in the log.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GlaceonError, httpStatusOf, type ErrorCode, type ProtocolErrorBody } from '@glaceon/protocol';

function translate(error: FastifyError | GlaceonError | Error): GlaceonError {
  if (error instanceof GlaceonError) return error;
  const fe = error as FastifyError & { validation?: { instancePath?: string; message?: string }[]; validationContext?: string };
  if (fe.validation && fe.validation.length > 0) {
    const first = fe.validation[0]!;
    const path = `${fe.validationContext ? `/${fe.validationContext}` : ''}${first.instancePath ?? ''}` || '/';
    return new GlaceonError('INVALID_MESSAGE', `${path}: ${first.message ?? 'invalid'}`, path);
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new GlaceonError('BAD_JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new GlaceonError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new GlaceonError('INVALID_MESSAGE', 'Send application/json.');
  }
  if (error instanceof SyntaxError || fe.statusCode === 400) return new GlaceonError('BAD_JSON');
  if (fe.statusCode === 413) return new GlaceonError('PAYLOAD_TOO_LARGE');
  if (fe.statusCode === 429) return new GlaceonError('RATE_LIMITED');
  if (fe.statusCode === 503) return new GlaceonError('UNAVAILABLE');
  return new GlaceonError('INTERNAL');
}

export function errorHandler(this: FastifyInstance, error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const typed = translate(error);
  const status = typed.status;
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: typed.code }, 'request rejected');
  // 5xx: the code and the generic message only, whatever the cause was.
  const body: ProtocolErrorBody = status >= 500 ? { code: typed.code, message: new GlaceonError(typed.code).message } : typed.toBody();
  if (typed.code === 'RATE_LIMITED' && !reply.hasHeader('retry-after')) reply.header('retry-after', '60');
  if (typed.code === 'BUSY' && !reply.hasHeader('retry-after')) reply.header('retry-after', '1');
  void reply.status(status).send(body);
}

export function rateLimited(retryAfterMs: number): GlaceonError & { statusCode: number } {
  const e = new GlaceonError('RATE_LIMITED', `Too many attempts; retry in ${Math.ceil(retryAfterMs / 1000)} s.`) as GlaceonError & { statusCode: number };
  e.statusCode = httpStatusOf('RATE_LIMITED' satisfies ErrorCode);
  return e;
}
