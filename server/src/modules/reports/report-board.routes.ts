import { idParams, reportBoard, reportBoardQuery, reportRemindBody, reportRemindResult } from '@thidua/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../../platform/session.js';
import { PDF_CONTENT_TYPE } from '../documents/pdf.js';
import { sendAttachment } from '../documents/attachment.js';
import { DOCX_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '../documents/state-format.js';
import * as board from './reports.board.js';
import * as documents from './reports.documents.js';
// Registers the report deadlines with the iCalendar feed when the module loads.
import './reports.calendar.js';

const file = (contentType: string, description: string) => ({
  200: { description, content: { [contentType]: { schema: z.instanceof(Buffer).meta({ type: 'string', format: 'binary' }) } } },
});

/** The reporting-rate board, reminders and the report as documents (.docx, .pdf, .xlsx), under /api. */
export async function reportBoardRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];
  app.addHook('onRequest', async (req) => void requireActor(req));

  app.get(
    '/reports/board',
    { schema: { tags, summary: 'Bảng theo dõi nộp báo cáo (reporting-rate board) of a unit or block', querystring: reportBoardQuery, response: { 200: reportBoard } } },
    async (req) => board.reportBoard(ctx, requireActor(req), req.query),
  );

  app.post(
    '/reports/board/remind',
    { schema: { tags, summary: 'Đôn đốc: remind the units that have not submitted, now', body: reportRemindBody, response: { 202: reportRemindResult } } },
    async (req, reply) => reply.status(202).send(await board.remindUnits(ctx, requireActor(req), req.body)),
  );

  app.get(
    '/reports/:id/document.docx',
    { schema: { tags, summary: 'The report as .docx (Nghị định 30/2020)', params: idParams, response: file(DOCX_CONTENT_TYPE, 'Báo cáo .docx') } },
    async (req, reply) => {
      const f = await documents.reportDocx(ctx, requireActor(req), req.params.id);
      return sendAttachment(reply, DOCX_CONTENT_TYPE, f);
    },
  );

  app.get(
    '/reports/:id/document.pdf',
    { schema: { tags, summary: 'The report as PDF (Nghị định 30/2020)', params: idParams, response: file(PDF_CONTENT_TYPE, 'Báo cáo .pdf') } },
    async (req, reply) => {
      const f = await documents.reportPdf(ctx, requireActor(req), req.params.id);
      return sendAttachment(reply, PDF_CONTENT_TYPE, f);
    },
  );

  app.get(
    '/reports/:id/children.xlsx',
    { schema: { tags, summary: "The children's figures consolidated, as .xlsx", params: idParams, response: file(XLSX_CONTENT_TYPE, 'Bảng tổng hợp .xlsx') } },
    async (req, reply) => {
      const f = await documents.childrenXlsx(ctx, requireActor(req), req.params.id);
      return sendAttachment(reply, XLSX_CONTENT_TYPE, f);
    },
  );
}
