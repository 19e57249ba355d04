// The one way every route answers a request it cannot take: 400 with the API's error body.
import type { SchemaError } from '@arbhub/schema';
import type { FastifyReply } from 'fastify';

/** 400 `{"error":"bad_request","message":...}`, the message naming each bad field. */
export function badRequest(reply: FastifyReply, error: SchemaError): FastifyReply {
  return reply.code(400).send({ error: 'bad_request', message: error.message });
}
