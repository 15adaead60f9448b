import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  send(msg: MailMessage): Promise<void>;
}

/** Sends through SMTP_URL; without SMTP the message (and any link in it) is written to the log. */
export function createMailer(config: Config, log: FastifyBaseLogger): Mailer {
  const transport: Transporter | null = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null;
  return {
    async send(msg) {
      if (!transport) {
        log.info({ mail: { to: msg.to, subject: msg.subject, text: msg.text } }, 'mail (no SMTP configured)');
        return;
      }
      await transport.sendMail({ from: config.mailFrom, ...msg });
    },
  };
}
