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

/**
 * Transport options from SMTP_URL. Query parameters become nodemailer options
 * (smtp://host:587/?ignoreTLS=true). A relay on this machine (loopback) is spoken to without
 * STARTTLS unless the URL says otherwise: the traffic never leaves the host, and local relays
 * usually offer only a self-signed certificate that would make every send fail.
 */
export function smtpTransportOptions(smtpUrl: string): { url: string; ignoreTLS?: boolean } {
  const host = new URL(smtpUrl).hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || /^127\./.test(host);
  return loopback ? { url: smtpUrl, ignoreTLS: true } : { url: smtpUrl };
}

/** Sends through SMTP_URL; without SMTP the message (and any link in it) is written to the log. */
export function createMailer(config: Config, log: FastifyBaseLogger): Mailer {
  // The URL's own parameters override the defaults above (nodemailer merges url last).
  const transport: Transporter | null = config.smtpUrl ? nodemailer.createTransport(smtpTransportOptions(config.smtpUrl)) : null;
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
