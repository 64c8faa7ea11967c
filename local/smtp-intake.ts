import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { INTAKE_PREFIXES } from '../functions/core/config/settings';

export interface StoredMail {
  key: string;
  receivedAt: string;
  size: number;
}

export interface SmtpIntakeOptions {
  host: string;
  port: number;
  /** Only mail to this address is accepted (550 for anything else), like the SES receipt rule. */
  intakeAddress: string;
  maxBytes: number;
  /** Stores the raw MIME as SES does (S3 key under raw/) and starts processing. */
  store(raw: Buffer, receivedAt: Date): Promise<StoredMail>;
  onError?(message: string, error: unknown): void;
}

export interface SmtpIntake {
  port: number;
  close(): Promise<void>;
}

/** Object keys like SES's: raw/<time>-<random>, unique and sortable. */
export function rawMailKey(receivedAt: Date): string {
  return `${INTAKE_PREFIXES.rawMail}${receivedAt.toISOString().replace(/[-:.]/g, '')}-${randomBytes(8).toString('hex')}`;
}

/**
 * The local SES inbound: an SMTP server on 127.0.0.1 that accepts mail for the intake address only,
 * up to the size cap, and hands the raw message to `store` before it answers 250.
 */
export async function startSmtpIntake(options: SmtpIntakeOptions): Promise<SmtpIntake> {
  const server = new SMTPServer({
    name: 'invoice-agent.local',
    banner: 'invoice-agent local intake',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxBytes,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase() !== options.intakeAddress) {
        const error = new Error(
          `Mailbox ${address.address} unavailable; send invoices to ${options.intakeAddress}`,
        );
        (error as Error & { responseCode: number }).responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= options.maxBytes) chunks.push(chunk);
      });
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if (stream.sizeExceeded || size > options.maxBytes) {
          const error = new Error(`Message exceeds the ${options.maxBytes} byte limit`);
          (error as Error & { responseCode: number }).responseCode = 552;
          return callback(error);
        }
        options
          .store(Buffer.concat(chunks), new Date())
          .then((stored) => callback(null, `Queued as ${stored.key}`))
          .catch((error: unknown) => {
            options.onError?.('storing an incoming mail failed', error);
            const failure = new Error('Temporary failure storing the message, try again');
            (failure as Error & { responseCode: number }).responseCode = 451;
            callback(failure);
          });
      });
    },
  });
  server.on('error', (error) => options.onError?.('SMTP server error', error));
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
