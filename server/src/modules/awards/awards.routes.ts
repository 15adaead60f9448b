import { addInitiativeBody, awardCodes, eligibilityQuery, eligibilityView, grantAwardBody, idParams, personRecord, personYearParams, revokeRecordBody, setRatingBody } from '@thidua/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../../platform/session.js';
import { z } from 'zod';
import { vietnamDate } from '../../platform/clock.js';
import { sendAttachment } from '../documents/attachment.js';
import { DOCX_CONTENT_TYPE } from '../documents/state-format.js';
import { achievementSummaryDocx } from './achievement-summary.js';
import * as records from './records.service.js';

/** Commendation (khen thưởng): a person's record of achievements and the eligibility of an award; under /api. */
export async function awardRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['awards'];
  app.addHook('onRequest', async (req) => void requireActor(req));

  app.get('/people/:id/record', { schema: { tags, params: idParams, response: { 200: personRecord } } }, async (req) => records.getRecord(ctx, requireActor(req), req.params.id));

  app.put('/people/:id/record/ratings/:year', { schema: { tags, params: personYearParams, body: setRatingBody, response: { 200: personRecord } } }, async (req) =>
    records.setRating(ctx, requireActor(req), req.params.id, req.params.year, req.body),
  );

  app.post('/people/:id/record/awards', { schema: { tags, params: idParams, body: grantAwardBody, response: { 201: personRecord } } }, async (req, reply) =>
    reply.status(201).send(await records.grantAward(ctx, requireActor(req), req.params.id, req.body)),
  );

  app.post('/record/awards/:id/revoke', { schema: { tags, params: idParams, body: revokeRecordBody, response: { 200: personRecord } } }, async (req) =>
    records.revokeGranted(ctx, requireActor(req), req.params.id, req.body),
  );

  app.post('/people/:id/record/initiatives', { schema: { tags, params: idParams, body: addInitiativeBody, response: { 201: personRecord } } }, async (req, reply) =>
    reply.status(201).send(await records.addInitiative(ctx, requireActor(req), req.params.id, req.body)),
  );

  app.post('/record/initiatives/:id/revoke', { schema: { tags, params: idParams, body: revokeRecordBody, response: { 200: personRecord } } }, async (req) =>
    records.revokeInitiative(ctx, requireActor(req), req.params.id, req.body),
  );

  app.get(
    '/people/:id/record/summary.docx',
    {
      schema: {
        tags,
        summary: 'Báo cáo thành tích: the record printed as the achievement summary of a dossier',
        params: idParams,
        querystring: z.object({ award: z.enum(awardCodes).optional() }),
        response: { 200: { description: 'Báo cáo thành tích .docx', content: { [DOCX_CONTENT_TYPE]: { schema: z.instanceof(Buffer).meta({ type: 'string', format: 'binary' }) } } } },
      },
    },
    async (req, reply) => sendAttachment(reply, DOCX_CONTENT_TYPE, await achievementSummaryDocx(ctx, requireActor(req), req.params.id, req.query.award, vietnamDate(ctx.now()))),
  );

  app.get('/people/:id/eligibility', { schema: { tags, params: idParams, querystring: eligibilityQuery, response: { 200: eligibilityView } } }, async (req) =>
    records.personEligibility(ctx, requireActor(req), req.params.id, req.query),
  );
}
