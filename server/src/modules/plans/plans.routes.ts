import {
  adoptPlanBody,
  createMovementBody,
  decideParentChangesBody,
  createPlanBody,
  idParams,
  listPlansQuery,
  movementList,
  movementView,
  parentChanges,
  planComparison,
  planDetail,
  planList,
  replaceCriteriaBody,
  updatePlanBody,
} from '@thidua/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { requireActor } from '../../platform/session.js';
import * as cascade from './plans.cascade.js';
import * as plans from './plans.service.js';
// The capability's tasks join the inbox (việc cần làm) when its routes are mounted.
import './plans.tasks.js';

/** The uploaded file and the text fields beside it, in whichever order they come; too large → 413. */
async function readPlanUpload(req: FastifyRequest): Promise<{ fileName: string; bytes: Buffer; fields: Record<string, string> }> {
  const fields: Record<string, string> = {};
  let file: { fileName: string; bytes: Buffer } | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: plans.PLAN_MAX_BYTES, files: 1, fields: 10 } })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'file') file = { fileName: part.filename, bytes };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE', { maxBytes: plans.PLAN_MAX_BYTES });
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      throw new AppError('FILE_INVALID', { reason: 'Yêu cầu phải gửi tệp dạng multipart/form-data', reasonEn: 'The request must send the file as multipart/form-data' });
    }
    throw err;
  }
  if (!file) throw new AppError('FILE_INVALID', { reason: 'Chưa chọn tệp (trường "file")', reasonEn: 'No file was sent (field "file")' });
  return { ...file, fields };
}

/** Movements (phong trào thi đua) and plans (kế hoạch, chỉ thị, hướng dẫn), under /api. */
export async function planRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const movementTags = ['movements'];
  const tags = ['plans'];
  // Anonymous callers learn nothing, not even which fields a body needs: 401 before validation.
  app.addHook('onRequest', async (req) => void requireActor(req));

  app.get('/movements', { schema: { tags: movementTags, response: { 200: movementList } } }, async (req) => plans.listMovements(ctx, requireActor(req)));

  app.post('/movements', { schema: { tags: movementTags, body: createMovementBody, response: { 201: movementView } } }, async (req, reply) =>
    reply.status(201).send(await plans.createMovement(ctx, requireActor(req), req.body)),
  );

  app.get('/plans', { schema: { tags, querystring: listPlansQuery, response: { 200: planList } } }, async (req) => plans.listPlans(ctx, requireActor(req), req.query));

  app.get('/plans/:id', { schema: { tags, params: idParams, response: { 200: planDetail } } }, async (req) => plans.getPlan(ctx, requireActor(req), req.params.id));

  app.post('/plans/import', { schema: { tags, consumes: ['multipart/form-data'], response: { 201: planDetail } } }, async (req, reply) =>
    reply.status(201).send(await plans.importPlan(ctx, requireActor(req), await readPlanUpload(req))),
  );

  app.post('/plans', { schema: { tags, body: createPlanBody, response: { 201: planDetail } } }, async (req, reply) =>
    reply.status(201).send(await plans.createPlan(ctx, requireActor(req), req.body)),
  );

  app.patch('/plans/:id', { schema: { tags, params: idParams, body: updatePlanBody, response: { 200: planDetail } } }, async (req) =>
    plans.updatePlan(ctx, requireActor(req), req.params.id, req.body),
  );

  app.put('/plans/:id/criteria', { schema: { tags, params: idParams, body: replaceCriteriaBody, response: { 200: planDetail } } }, async (req) =>
    plans.replaceCriteria(ctx, requireActor(req), req.params.id, req.body),
  );

  app.post('/plans/:id/publish', { schema: { tags, params: idParams, response: { 200: planDetail } } }, async (req) =>
    plans.publishPlan(ctx, requireActor(req), req.params.id),
  );

  app.post('/plans/:id/close', { schema: { tags, params: idParams, response: { 200: planDetail } } }, async (req) =>
    plans.closePlan(ctx, requireActor(req), req.params.id),
  );

  // The cascade (áp dụng kế hoạch cấp trên) and versions (phiên bản).
  app.post('/plans/:id/adopt', { schema: { tags, params: idParams, body: adoptPlanBody, response: { 201: planDetail } } }, async (req, reply) =>
    reply.status(201).send(await cascade.adoptPlan(ctx, requireActor(req), req.params.id, req.body)),
  );

  app.get('/plans/:id/comparison', { schema: { tags, params: idParams, response: { 200: planComparison } } }, async (req) =>
    cascade.comparePlan(ctx, requireActor(req), req.params.id),
  );

  app.post('/plans/:id/versions', { schema: { tags, params: idParams, response: { 201: planDetail } } }, async (req, reply) =>
    reply.status(201).send(await cascade.createVersion(ctx, requireActor(req), req.params.id)),
  );

  app.get('/plans/:id/parent-changes', { schema: { tags, params: idParams, response: { 200: parentChanges } } }, async (req) =>
    cascade.getParentChanges(ctx, requireActor(req), req.params.id),
  );

  app.post('/plans/:id/parent-changes', { schema: { tags, params: idParams, body: decideParentChangesBody, response: { 200: planDetail } } }, async (req) =>
    cascade.decideParentChanges(ctx, requireActor(req), req.params.id, req.body),
  );
}
