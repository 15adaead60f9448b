import { idParams } from '@thidua/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../../platform/session.js';
import * as documents from './documents.service.js';
import { sendAttachment } from './attachment.js';
import { DOCX_CONTENT_TYPE } from './state-format.js';

// Fastify sends a Buffer as it is; the schema only documents the file in the OpenAPI document.
const docxResponse = {
  200: { description: 'Văn bản .docx theo thể thức Nghị định 30/2020', content: { [DOCX_CONTENT_TYPE]: { schema: z.instanceof(Buffer).meta({ type: 'string', format: 'binary' }) } } },
};

/** Documents in the state format (Nghị định 30/2020), under /api. */
export async function documentRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];
  app.addHook('onRequest', async (req) => void requireActor(req));

  app.get(
    '/registrations/:id/document.docx',
    { schema: { tags, summary: 'Bản đăng ký thi đua (registration form) as .docx', params: idParams, response: docxResponse } },
    async (req, reply) => {
      const file = await documents.registrationDocument(ctx, requireActor(req), req.params.id);
      return sendAttachment(reply, DOCX_CONTENT_TYPE, file);
    },
  );

  app.get(
    '/assessments/:id/sheet.docx',
    { schema: { tags, summary: 'Phiếu tự đánh giá (self-assessment sheet) as .docx', params: idParams, response: docxResponse } },
    async (req, reply) => {
      const file = await documents.assessmentSheet(ctx, requireActor(req), req.params.id);
      return sendAttachment(reply, DOCX_CONTENT_TYPE, file);
    },
  );
}
