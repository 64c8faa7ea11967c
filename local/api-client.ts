/**
 * Reads the local stack's JSON API as a user's script would. Finds the invoice a mail created by the
 * mail's subject (used by the demo and the end-to-end tests).
 */
export class LocalApiClient {
  /** The mail subject of each invoice seen: it never changes, so other mails' invoices are not fetched again. */
  private readonly subjects = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async get<T>(path: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`);
    if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
    return (await response.json()) as T;
  }

  /**
   * Polls until the invoice mailed with this subject has a status `done` accepts. Returns it then, or
   * the last state seen (undefined if none) when the time is up.
   */
  async waitForSubject<T extends { status: string; mail: { subject: string } }>(
    subject: string,
    done: (status: string) => boolean,
    timeoutMs: number,
  ): Promise<{ invoice?: T; settled: boolean }> {
    const deadline = Date.now() + timeoutMs;
    let last: T | undefined;
    while (Date.now() < deadline) {
      for (const row of await this.get<{ id: string }[]>('/api/invoices')) {
        const known = this.subjects.get(row.id);
        if (known !== undefined && known !== subject) continue;
        const detail = await this.get<T>(`/api/invoices/${row.id}`);
        this.subjects.set(row.id, detail.mail.subject);
        if (detail.mail.subject !== subject) continue;
        last = detail;
        if (done(detail.status)) return { invoice: detail, settled: true };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return { invoice: last, settled: false };
  }
}

const clients = new Map<string, LocalApiClient>();

/** One client per stack address, so that what it has learned is kept between calls. */
export function apiClientFor(baseUrl: string): LocalApiClient {
  const client = clients.get(baseUrl) ?? new LocalApiClient(baseUrl);
  clients.set(baseUrl, client);
  return client;
}
