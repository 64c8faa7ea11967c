import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Mailer, OutgoingMail } from '../../core/ports/messaging';

/** One sent mail as the local API shows it: the mail as handed to the mailer, plus delivery data. */
export interface OutboxEntry extends OutgoingMail {
  id: string;
  messageId: string;
  sentAt: string;
  from: string;
  /** Every http(s) link in the text part, in order. */
  links: string[];
  /** The full MIME message as SES would send it. */
  emlFile: string;
}

const LINK = /https?:\/\/[^\s<>"')\]]+/g;

export function linksIn(text: string): string[] {
  return [...new Set(text.match(LINK) ?? [])];
}

/**
 * The stand-in for SES sending: every mail becomes `<n>-<id>.eml` (real MIME, openable in a mail
 * client) and `<n>-<id>.json` (for scripts and the local API) in the outbox folder.
 */
export class OutboxMailer implements Mailer {
  private sequence = 0;
  private readonly composer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });

  constructor(
    private readonly dir: string,
    private readonly from: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    await mkdir(this.dir, { recursive: true });
    if (this.sequence === 0)
      this.sequence = (await readdir(this.dir)).filter((f) => f.endsWith('.json')).length;
    const id = `${String(++this.sequence).padStart(5, '0')}-${randomUUID().slice(0, 8)}`;
    const messageId = `<${id}@outbox.invoice-agent.local>`;
    const composed = await this.composer.sendMail({
      from: this.from,
      to: mail.to,
      cc: mail.cc,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
      messageId,
    });
    const emlFile = join(this.dir, `${id}.eml`);
    await writeFile(emlFile, composed.message as Buffer);
    const entry: OutboxEntry = {
      id,
      messageId,
      sentAt: this.now().toISOString(),
      from: this.from,
      to: mail.to,
      ...(mail.cc && { cc: mail.cc }),
      subject: mail.subject,
      text: mail.text,
      ...(mail.html && { html: mail.html }),
      ...(mail.headers && { headers: mail.headers }),
      links: linksIn(mail.text),
      emlFile,
    };
    await writeFile(join(this.dir, `${id}.json`), `${JSON.stringify(entry, null, 2)}\n`);
    return { messageId };
  }
}

/** All mails in the outbox, oldest first. */
export async function readOutbox(dir: string): Promise<OutboxEntry[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return Promise.all(files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as OutboxEntry));
}
