import {
  blockBody,
  blockList,
  blockView,
  createUnitBody,
  documentSettingsBody,
  documentSettingsView,
  idParams,
  listBlocksQuery,
  listUnitsQuery,
  okResponse,
  retireUnitBody,
  unitDetail,
  unitList,
  unitView,
  updateUnitBody,
} from '@thidua/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../../platform/session.js';
import * as blocks from './blocks.service.js';
import * as documentSettings from './document-settings.service.js';
import * as units from './units.service.js';

/** The organisation tree (units: cơ quan, đơn vị) and blocks (Khối/Cụm thi đua), under /api. */
export async function orgRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const unitTags = ['units'];
  const blockTags = ['blocks'];
  // Anonymous callers learn nothing, not even which fields a body needs: 401 before validation.
  app.addHook('onRequest', async (req) => void requireActor(req));

  app.get('/units', { schema: { tags: unitTags, querystring: listUnitsQuery, response: { 200: unitList } } }, async (req) =>
    units.listUnits(ctx, requireActor(req), req.query),
  );

  app.get('/units/:id', { schema: { tags: unitTags, params: idParams, response: { 200: unitDetail } } }, async (req) =>
    units.getUnit(ctx, requireActor(req), req.params.id),
  );

  app.post('/units', { schema: { tags: unitTags, body: createUnitBody, response: { 201: unitView } } }, async (req, reply) =>
    reply.status(201).send(await units.createUnit(ctx, requireActor(req), req.body)),
  );

  app.patch('/units/:id', { schema: { tags: unitTags, params: idParams, body: updateUnitBody, response: { 200: unitView } } }, async (req) =>
    units.updateUnit(ctx, requireActor(req), req.params.id, req.body),
  );

  app.post('/units/:id/retire', { schema: { tags: unitTags, params: idParams, body: retireUnitBody, response: { 200: unitView } } }, async (req) =>
    units.retireUnit(ctx, requireActor(req), req.params.id, req.body),
  );

  // The unit's document settings (thể thức văn bản): issuer lines, code, place, who signs.
  app.get('/units/:id/document-settings', { schema: { tags: unitTags, params: idParams, response: { 200: documentSettingsView } } }, async (req) =>
    documentSettings.getDocumentSettings(ctx, requireActor(req), req.params.id),
  );

  app.put(
    '/units/:id/document-settings',
    { schema: { tags: unitTags, params: idParams, body: documentSettingsBody, response: { 200: documentSettingsView } } },
    async (req) => documentSettings.saveDocumentSettings(ctx, requireActor(req), req.params.id, req.body),
  );

  app.delete('/units/:id/document-settings', { schema: { tags: unitTags, params: idParams, response: { 200: documentSettingsView } } }, async (req) =>
    documentSettings.resetDocumentSettings(ctx, requireActor(req), req.params.id),
  );

  app.get('/blocks', { schema: { tags: blockTags, querystring: listBlocksQuery, response: { 200: blockList } } }, async (req) =>
    blocks.listBlocks(ctx, requireActor(req), req.query),
  );

  app.get('/blocks/:id', { schema: { tags: blockTags, params: idParams, response: { 200: blockView } } }, async (req) =>
    blocks.getBlock(ctx, requireActor(req), req.params.id),
  );

  app.post('/blocks', { schema: { tags: blockTags, body: blockBody, response: { 201: blockView } } }, async (req, reply) =>
    reply.status(201).send(await blocks.createBlock(ctx, requireActor(req), req.body)),
  );

  app.put('/blocks/:id', { schema: { tags: blockTags, params: idParams, body: blockBody, response: { 200: blockView } } }, async (req) =>
    blocks.replaceBlock(ctx, requireActor(req), req.params.id, req.body),
  );

  app.delete('/blocks/:id', { schema: { tags: blockTags, params: idParams, response: { 200: okResponse } } }, async (req) => {
    await blocks.deleteBlock(ctx, requireActor(req), req.params.id);
    return { ok: true as const };
  });
}
