import {
  addFundEntryBody,
  adjustNominationBody,
  fundLedger as fundLedgerSchema,
  fundQuery,
  castBallotBody,
  idParams,
  issueDecisionBody,
  openRoundBody,
  roundList,
  roundListQuery,
  roundNominationParams,
  roundView,
} from '@thidua/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../../platform/session.js';
import { sendAttachment } from '../documents/attachment.js';
import { PDF_CONTENT_TYPE } from '../documents/pdf.js';
import { DOCX_CONTENT_TYPE } from '../documents/state-format.js';
import { adjustNomination } from './adjust-nomination.js';
import { castBallot } from './cast-ballot.js';
import { roundCertificates } from './certificates.js';
import { closeVote } from './close-vote.js';
import { decisionDocx, decisionPdf } from './decision-document.js';
import { addFundEntry, fundLedger } from './fund.js';
import { issueDecision } from './issue-decision.js';
import { minutesDocx, minutesPdf } from './minutes-document.js';
import { openRound } from './open-round.js';
import { openVote } from './open-vote.js';
import * as rounds from './round-view.js';
// The round's tasks join the inbox (việc cần làm) when its routes are mounted.
import './commendations.tasks.js';

const file = (contentType: string, description: string) => ({
  200: { description, content: { [contentType]: { schema: z.instanceof(Buffer).meta({ type: 'string', format: 'binary' }) } } },
});

/** The commendation flow of a unit (bình xét → bỏ phiếu kín → quyết định), under /api. */
export async function commendationRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['commendations'];
  app.addHook('onRequest', async (req) => void requireActor(req));

  app.get('/units/:id/fund', { schema: { tags, summary: 'Quỹ thi đua, khen thưởng: the unit’s ledger of a year', params: idParams, querystring: fundQuery, response: { 200: fundLedgerSchema } } }, async (req) =>
    fundLedger(ctx, requireActor(req), req.params.id, req.query.year),
  );

  app.post('/units/:id/fund/entries', { schema: { tags, summary: 'An entry of the unit’s fund: money in, or a payment by hand', params: idParams, body: addFundEntryBody, response: { 201: fundLedgerSchema } } }, async (req, reply) =>
    reply.status(201).send(await addFundEntry(ctx, requireActor(req), req.params.id, req.body)),
  );

  app.get('/award-rounds', { schema: { tags, summary: 'Các đợt bình xét the actor reads', querystring: roundListQuery, response: { 200: roundList } } }, async (req) =>
    rounds.listRounds(ctx, requireActor(req), req.query.year),
  );

  app.post('/award-rounds', { schema: { tags, summary: 'Mở đợt bình xét: the system proposes each person’s title', body: openRoundBody, response: { 201: roundView } } }, async (req, reply) =>
    reply.status(201).send(await openRound(ctx, requireActor(req), req.body)),
  );

  app.get('/award-rounds/:id', { schema: { tags, params: idParams, response: { 200: roundView } } }, async (req) => rounds.roundView(ctx, requireActor(req), req.params.id));

  app.post(
    '/award-rounds/:id/nominations/:nominationId',
    { schema: { tags, summary: 'The council changes a nominee: another award, taken off, put back', params: roundNominationParams, body: adjustNominationBody, response: { 200: roundView } } },
    async (req) => adjustNomination(ctx, requireActor(req), req.params.id, req.params.nominationId, req.body),
  );

  app.post('/award-rounds/:id/vote/open', { schema: { tags, summary: 'Mở bỏ phiếu kín', params: idParams, response: { 200: roundView } } }, async (req) =>
    openVote(ctx, requireActor(req), req.params.id),
  );

  app.post('/award-rounds/:id/ballot', { schema: { tags, summary: 'A council member’s secret ballot, once', params: idParams, body: castBallotBody, response: { 200: roundView } } }, async (req) =>
    castBallot(ctx, requireActor(req), req.params.id, req.body),
  );

  app.post('/award-rounds/:id/vote/close', { schema: { tags, summary: 'Kết thúc bỏ phiếu và kiểm phiếu', params: idParams, response: { 200: roundView } } }, async (req) =>
    closeVote(ctx, requireActor(req), req.params.id),
  );

  app.post('/award-rounds/:id/decision', { schema: { tags, summary: 'Ban hành quyết định khen thưởng', params: idParams, body: issueDecisionBody, response: { 200: roundView } } }, async (req) =>
    issueDecision(ctx, requireActor(req), req.params.id, req.body),
  );

  app.get('/award-rounds/:id/decision.docx', { schema: { tags, summary: 'The decision as .docx (Nghị định 30/2020)', params: idParams, response: file(DOCX_CONTENT_TYPE, 'Quyết định .docx') } }, async (req, reply) =>
    sendAttachment(reply, DOCX_CONTENT_TYPE, await decisionDocx(ctx, requireActor(req), req.params.id)),
  );

  app.get('/award-rounds/:id/decision.pdf', { schema: { tags, summary: 'The decision as PDF (Nghị định 30/2020)', params: idParams, response: file(PDF_CONTENT_TYPE, 'Quyết định .pdf') } }, async (req, reply) =>
    sendAttachment(reply, PDF_CONTENT_TYPE, await decisionPdf(ctx, requireActor(req), req.params.id)),
  );

  app.get('/award-rounds/:id/minutes.docx', { schema: { tags, summary: 'Biên bản kiểm phiếu as .docx, once the vote has closed', params: idParams, response: file(DOCX_CONTENT_TYPE, 'Biên bản .docx') } }, async (req, reply) =>
    sendAttachment(reply, DOCX_CONTENT_TYPE, await minutesDocx(ctx, requireActor(req), req.params.id)),
  );

  app.get('/award-rounds/:id/minutes.pdf', { schema: { tags, summary: 'Biên bản kiểm phiếu as PDF, once the vote has closed', params: idParams, response: file(PDF_CONTENT_TYPE, 'Biên bản .pdf') } }, async (req, reply) =>
    sendAttachment(reply, PDF_CONTENT_TYPE, await minutesPdf(ctx, requireActor(req), req.params.id)),
  );

  app.get('/award-rounds/:id/certificates.pdf', { schema: { tags, summary: 'The certificates of the decision, one page each, as one PDF', params: idParams, response: file(PDF_CONTENT_TYPE, 'Giấy chứng nhận .pdf') } }, async (req, reply) =>
    sendAttachment(reply, PDF_CONTENT_TYPE, await roundCertificates(ctx, requireActor(req), req.params.id)),
  );
}
