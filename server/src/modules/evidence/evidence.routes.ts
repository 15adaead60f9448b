import { addEvidenceLinkBody, addEvidenceNoteBody, evidenceList, evidenceView, idParams, okResponse } from '@thidua/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { requireActor } from '../../platform/session.js';
import { stageFile, type StagedFile } from './evidence.files.js';
import * as evidence from './evidence.service.js';

const MB = 1024 * 1024;

/**
 * Reads the multipart upload: the one file (field "file") streamed to the staging folder, and the
 * text fields, in whichever order they come. Over the size limit → 413, naming the limit.
 */
function multipartReader(req: FastifyRequest) {
  return async (stagingDir: string, maxBytes: number): Promise<{ file: StagedFile | null; fields: Record<string, string> }> => {
    const fields: Record<string, string> = {};
    let file: StagedFile | null = null;
    try {
      for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 16 * 1024 } })) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file') {
            part.file.resume();
            continue;
          }
          file = await stageFile(stagingDir, part.file, part.filename);
          if (part.file.truncated) throw new AppError('FILE_TOO_LARGE');
        } else if (typeof part.value === 'string') {
          fields[part.fieldname] = part.value;
        }
      }
      return { file, fields };
    } catch (err) {
      await file?.dispose();
      const code = (err as { code?: string }).code;
      if (code === 'FILE_TOO_LARGE' || code === 'FST_REQ_FILE_TOO_LARGE') {
        const mb = Math.round((maxBytes / MB) * 10) / 10;
        throw new AppError('FILE_TOO_LARGE', {
          maxBytes,
          reason: `Tệp lớn hơn giới hạn ${mb} MB; hãy nén hoặc chia nhỏ tệp`,
          reasonEn: `The file is larger than the ${mb} MB limit; compress or split it`,
        });
      }
      if (code === 'FST_FILES_LIMIT') throw new AppError('FILE_INVALID', { reason: 'Mỗi lần chỉ gửi một tệp', reasonEn: 'Send one file at a time' });
      if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
        throw new AppError('FILE_INVALID', { reason: 'Yêu cầu phải gửi tệp dạng multipart/form-data', reasonEn: 'The request must send the file as multipart/form-data' });
      }
      throw err;
    }
  };
}

/** RFC 6266: a plain-ASCII name for old clients, and the real UTF-8 name (Vietnamese) for the rest. */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Evidence (minh chứng) of assessments, under /api. */
export async function evidenceRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['evidence'];
  // Anonymous callers learn nothing, not even which fields a body needs: 401 before validation.
  app.addHook('onRequest', async (req) => void requireActor(req));

  app.get('/assessments/:id/evidence', { schema: { tags, params: idParams, response: { 200: evidenceList } } }, async (req) =>
    evidence.listEvidence(ctx, requireActor(req), req.params.id),
  );

  app.post(
    '/assessments/:id/evidence',
    { schema: { tags, params: idParams, consumes: ['multipart/form-data'], response: { 201: evidenceView } } },
    async (req, reply) => reply.status(201).send(await evidence.addFileEvidence(ctx, requireActor(req), req.params.id, multipartReader(req))),
  );

  app.post('/assessments/:id/evidence/link', { schema: { tags, params: idParams, body: addEvidenceLinkBody, response: { 201: evidenceView } } }, async (req, reply) =>
    reply.status(201).send(await evidence.addLinkEvidence(ctx, requireActor(req), req.params.id, req.body)),
  );

  app.post('/assessments/:id/evidence/note', { schema: { tags, params: idParams, body: addEvidenceNoteBody, response: { 201: evidenceView } } }, async (req, reply) =>
    reply.status(201).send(await evidence.addNoteEvidence(ctx, requireActor(req), req.params.id, req.body)),
  );

  app.get('/evidence/:id/file', { schema: { tags, params: idParams, summary: 'The stored file, as checked on upload' } }, async (req, reply) => {
    const f = await evidence.openEvidenceFile(ctx, requireActor(req), req.params.id);
    reply
      .header('content-type', f.contentType)
      .header('content-disposition', contentDisposition(f.inline ? 'inline' : 'attachment', f.fileName))
      .header('x-content-type-options', 'nosniff')
      // A file is private to those who may read the assessment: no shared caches.
      .header('cache-control', 'private, max-age=0, must-revalidate')
      // Even an image opened on its own runs nothing: no scripts, no plugins, its own origin.
      .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
    if (f.size !== null) reply.header('content-length', f.size);
    return reply.send(f.stream);
  });

  app.delete('/evidence/:id', { schema: { tags, params: idParams, response: { 200: okResponse } } }, async (req) =>
    evidence.deleteEvidence(ctx, requireActor(req), req.params.id),
  );
}
