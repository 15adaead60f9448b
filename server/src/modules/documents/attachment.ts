import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from './state-format.js';

/** A generated file sent as a download: its type, and its (Vietnamese) name kept in every browser. */
export function sendAttachment(reply: FastifyReply, contentType: string, file: { fileName: string; body: Buffer }) {
  return reply.header('content-type', contentType).header('content-disposition', attachmentDisposition(file.fileName)).send(file.body);
}
