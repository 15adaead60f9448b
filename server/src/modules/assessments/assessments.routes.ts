import {
  assessmentDetail,
  assessmentsPage,
  finaliseAssessmentBody,
  idParams,
  listAssessmentsQuery,
  openAssessmentBody,
  reopenAssessmentBody,
  returnAssessmentBody,
  saveScoresBody,
} from '@thidua/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../../platform/session.js';
import * as assessments from './assessments.service.js';
import { disciplineRoutes } from './disciplines.routes.js';
// The capability's tasks join the inbox (việc cần làm) when its routes are mounted.
import './assessments.tasks.js';

/** Assessments (đánh giá, chấm điểm): self → head → council → final, under /api. */
export async function assessmentRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['assessments'];
  // Anonymous callers learn nothing, not even which fields a body needs: 401 before validation.
  app.addHook('onRequest', async (req) => void requireActor(req));

  app.post('/assessments', { schema: { tags, body: openAssessmentBody, response: { 200: assessmentDetail, 201: assessmentDetail } } }, async (req, reply) => {
    const { created, detail } = await assessments.openAssessment(ctx, requireActor(req), req.body);
    return reply.status(created ? 201 : 200).send(detail);
  });

  app.get('/assessments', { schema: { tags, querystring: listAssessmentsQuery, response: { 200: assessmentsPage } } }, async (req) =>
    assessments.listAssessments(ctx, requireActor(req), req.query),
  );

  app.get('/assessments/:id', { schema: { tags, params: idParams, response: { 200: assessmentDetail } } }, async (req) =>
    assessments.getAssessment(ctx, requireActor(req), req.params.id),
  );

  app.put('/assessments/:id/scores', { schema: { tags, params: idParams, body: saveScoresBody, response: { 200: assessmentDetail } } }, async (req) =>
    assessments.saveScores(ctx, requireActor(req), req.params.id, req.body),
  );

  app.post('/assessments/:id/submit', { schema: { tags, params: idParams, response: { 200: assessmentDetail } } }, async (req) =>
    assessments.submitAssessment(ctx, requireActor(req), req.params.id),
  );

  app.post('/assessments/:id/return', { schema: { tags, params: idParams, body: returnAssessmentBody, response: { 200: assessmentDetail } } }, async (req) =>
    assessments.returnAssessment(ctx, requireActor(req), req.params.id, req.body),
  );

  app.post('/assessments/:id/finalise', { schema: { tags, params: idParams, body: finaliseAssessmentBody, response: { 200: assessmentDetail } } }, async (req) =>
    assessments.finaliseAssessment(ctx, requireActor(req), req.params.id, req.body),
  );

  app.post('/assessments/:id/reopen', { schema: { tags, params: idParams, body: reopenAssessmentBody, response: { 200: assessmentDetail } } }, async (req) =>
    assessments.reopenAssessment(ctx, requireActor(req), req.params.id, req.body),
  );

  await app.register(disciplineRoutes, { ctx });
}
