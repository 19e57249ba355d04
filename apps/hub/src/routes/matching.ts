// The review queue and a person's matching decisions: GET /matching/review,
// POST /matching/link, POST /matching/unlink. Every decision is kept (the store) so
// it applies again after a restart.
import { MatchingError } from '@arbhub/matcher';
import type { Assignment } from '@arbhub/matcher';
import { check, matchingLinkBodySchema, matchingUnlinkBodySchema } from '@arbhub/schema';
import type { MatchingDecision, ReviewAnswer } from '@arbhub/schema';
import type { FastifyPluginCallback, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { z } from 'zod';
import { NotAnswered } from '../scale/decisions.js';
import { badRequest } from './reply.js';

const STATUS: Record<MatchingError['code'], number> = {
  unknown_listing: 404,
  unknown_event: 404,
  book_taken: 409,
  sport_differs: 409,
};

const matching: FastifyPluginCallback = (app, _options, done) => {
  const { state, matchingStore: store } = app.hub;
  const refuse = (reply: FastifyReply, error: unknown) => {
    if (error instanceof MatchingError)
      return reply.code(STATUS[error.code]).send({ error: error.code, message: error.message });
    if (error instanceof NotAnswered)
      return reply.code(504).send({ error: error.code, message: error.message });
    throw error;
  };

  app.get('/matching/review', async (): Promise<ReviewAnswer> => ({
    items: await state.reviewAnswer(),
  }));

  /** A decision route: the body checked, the state asked, the decision kept, the listing's place answered. */
  const decide = <T extends { book: string; eventId: string; canonicalId?: string | undefined }>(
    path: string,
    schema: z.ZodType<T>,
    act: (
      body: T,
    ) =>
      | { placed: Assignment; decision: MatchingDecision }
      | Promise<{ placed: Assignment; decision: MatchingDecision }>,
  ) => {
    app.post(path, async (request, reply) => {
      const body = check(schema, request.body, 'body');
      if (!body.ok) return badRequest(reply, body.error);
      const { book, eventId, canonicalId } = body.value;
      try {
        const { placed, decision } = await act(body.value);
        store.decided(decision);
        app.log.info({ book, eventId, canonicalId }, `matching: a person's ${decision.kind}`);
        return { book, eventId, canonicalId: placed.id, swapped: placed.swapped, evidence: placed.evidence };
      } catch (error) {
        return refuse(reply, error);
      }
    });
  };
  decide('/matching/link', matchingLinkBodySchema, ({ book, eventId, canonicalId }) =>
    state.link(book, eventId, canonicalId),
  );
  decide('/matching/unlink', matchingUnlinkBodySchema, ({ book, eventId, canonicalId }) =>
    state.unlink(book, eventId, canonicalId),
  );
  done();
};

export default fp(matching, { name: 'arbhub-matching', dependencies: ['arbhub-live'] });
