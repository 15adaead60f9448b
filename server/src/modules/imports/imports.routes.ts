import { commitImportBody, idParams, importFileFormats, importJobView, importKinds } from '@thidua/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { requireActor } from '../../platform/session.js';
import { kindParams } from './imports.schemas.js';
import * as imports from './imports.service.js';

/** The one uploaded file of a multipart request, as bytes; too large → 413, missing → 400. */
async function readUpload(req: FastifyRequest): Promise<{ fileName: string; bytes: Buffer }> {
  try {
    const part = await req.file({ limits: { fileSize: imports.IMPORT_MAX_BYTES, files: 1 } });
    if (!part || part.fieldname !== 'file') {
      throw new AppError('FILE_INVALID', { reason: 'Chưa chọn tệp (trường "file")', reasonEn: 'No file was sent (field "file")' });
    }
    return { fileName: part.filename, bytes: await part.toBuffer() };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE', { maxBytes: imports.IMPORT_MAX_BYTES });
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      throw new AppError('FILE_INVALID', { reason: 'Yêu cầu phải gửi tệp dạng multipart/form-data', reasonEn: 'The request must send the file as multipart/form-data' });
    }
    throw err;
  }
}

export async function importRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['imports'];

  for (const kind of importKinds) {
    for (const format of importFileFormats) {
      app.get(`/templates/${kind}.${format}`, { schema: { tags, summary: `Template for importing ${kind} (${format})` } }, async (req, reply) => {
        const t = await imports.importTemplate(ctx, requireActor(req), kind, format);
        return reply
          .header('content-type', t.contentType)
          .header('content-disposition', `attachment; filename="${t.fileName}"`)
          .send(t.body);
      });
    }
  }

  app.post('/:kind', { schema: { tags, params: kindParams, consumes: ['multipart/form-data'], response: { 202: importJobView } } }, async (req, reply) => {
    const actor = requireActor(req);
    const view = await imports.startImport(ctx, actor, req.params.kind, await readUpload(req));
    return reply.status(202).send(view);
  });

  app.get('/:id', { schema: { tags, params: idParams, response: { 200: importJobView } } }, async (req) => imports.getImport(ctx, requireActor(req), req.params.id));

  app.post('/:id/commit', { schema: { tags, params: idParams, body: commitImportBody, response: { 202: importJobView } } }, async (req, reply) => {
    const view = await imports.commitImport(ctx, requireActor(req), req.params.id, req.body);
    return reply.status(202).send(view);
  });
}
