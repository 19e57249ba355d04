// Fastify's per-request lines ("incoming request", "request completed") at debug, not
// info: a dashboard or a health poll would otherwise write two lines a second. Errors
// keep their own levels.
import { LogController } from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Request lines at `debug`; a request that failed still logs at `error`. */
export class DebugRequestLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(
    error: Error | null | undefined,
    _request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error)
      reply.log.error({ res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}
