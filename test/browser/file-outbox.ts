import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Mailer, OutgoingMail } from '../../functions/core/ports/messaging';

/** A file outbox for the browser test: each mail is a JSON file with the links found in its text. */
export class FileOutbox implements Mailer {
  private count = 0;
  constructor(readonly dir: string) {}

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    await mkdir(this.dir, { recursive: true });
    const messageId = `mail-${++this.count}`;
    const links = mail.text.match(/https?:\/\/[^\s<>"')\]]+/g) ?? [];
    await writeFile(
      join(this.dir, `${String(this.count).padStart(4, '0')}.json`),
      JSON.stringify({ messageId, ...mail, links }),
    );
    return { messageId };
  }

  async read(): Promise<(OutgoingMail & { links: string[] })[]> {
    const files = (await readdir(this.dir)).filter((f) => f.endsWith('.json')).sort();
    return Promise.all(files.map(async (f) => JSON.parse(await readFile(join(this.dir, f), 'utf8'))));
  }
}
