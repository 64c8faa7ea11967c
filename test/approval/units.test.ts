import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalLinkSigner } from '../../functions/adapters/local/local-link-signer';
import { LocalSecretBox } from '../../functions/adapters/local/local-secret-box';
import { parseTypedAmount } from '../../functions/core/approval/amount';
import { invoiceHash, linkMessage, parseLinkParams } from '../../functions/core/approval/link';
import type { ApprovalRequest } from '../../functions/core/approval/model';
import { resultFor } from '../../functions/core/approval/outcome';
import { PAGE_STYLE_HASH, renderDecisionPage, renderMessagePage } from '../../functions/core/approval/page';
import { buildInvoiceView, scrubIbans } from '../../functions/core/approval/view';
import { extractionCheck } from '../../functions/core/checks/document';
import { readInvoiceFromLayout } from '../../functions/core/extraction/text-invoice';
import { defaultPolicy } from '../../functions/core/policy/config';
import type { InvoiceRecord } from '../../functions/core/records';
import { layoutOf } from '../unit/extraction/layout-fixtures';
import { sampleInvoice } from './harness';

describe('invoice hash', () => {
  it('changes when vendor, number, gross or IBAN change, and ignores IBAN spacing', () => {
    // Prepare
    const base = sampleInvoice();
    // Act
    const hashes = {
      base: invoiceHash(base),
      spaced: invoiceHash(sampleInvoice({ iban: 'de89 3704 0044 0532 0130 00' })),
      iban: invoiceHash(sampleInvoice({ iban: 'DE02120300000000202051' })),
      gross: invoiceHash(sampleInvoice({ gross: '1190.01' })),
      number: invoiceHash(sampleInvoice({ number: 'RE-2025-0043' })),
      vendor: invoiceHash({ ...base, seller: { ...base.seller, name: 'Muster Buerobedarf GmbH' } }),
    };
    // Assess
    expect(hashes.spaced).toBe(hashes.base);
    for (const changed of [hashes.iban, hashes.gross, hashes.number, hashes.vendor])
      expect(changed).not.toBe(hashes.base);
  });
});

describe('link format', () => {
  it('signs approval id, approver, invoice hash and expiry under a domain prefix', () => {
    // Act
    const message = linkMessage({
      approvalId: 'abc',
      approver: 'Anna@Firma.example',
      invoiceHash: 'h',
      expiresAtSeconds: 42,
    });
    // Assess
    expect(message).toBe('invoice-agent/approval-link/v1|abc|anna@firma.example|h|42');
  });

  it('rejects malformed link parameters', () => {
    // Assess
    expect(parseLinkParams('123', 'a'.repeat(43))).toEqual({ exp: 123, sig: 'a'.repeat(43) });
    expect(parseLinkParams('-1', 'a'.repeat(43))).toBeUndefined();
    expect(parseLinkParams('1e9', 'a'.repeat(43))).toBeUndefined();
    expect(parseLinkParams('123', 'a+b/c='.repeat(8))).toBeUndefined();
    expect(parseLinkParams(undefined, 'a'.repeat(43))).toBeUndefined();
  });
});

describe('typed amount', () => {
  it.each([
    ['12.345,67', '12345.67'],
    ['12345,67', '12345.67'],
    ['12,345.67', '12345.67'],
    ['12345.67', '12345.67'],
    ['€ 12 345,67', '12345.67'],
    ['12.345', '12345'],
    ['1.234.567,8', '1234567.8'],
    ['1190', '1190'],
  ])('reads "%s" as %s', (typed, expected) => {
    expect(parseTypedAmount(typed)).toBe(expected);
  });

  it.each(['', 'abc', '12,34,5', '1..2', '12 345,67 Euro extra'])('refuses "%s"', (typed) => {
    expect(parseTypedAmount(typed)).toBeUndefined();
  });
});

describe('where the workflow goes next', () => {
  const request = {
    approvalId: 'a',
    approver: 'x@y',
    round: 1,
    requiredApprovals: 2,
    returnRound: undefined,
  };
  it('sends four eyes on to round 2, then archives', () => {
    expect(resultFor(request, 'approve')).toMatchObject({ next: 'NEXT_APPROVER', round: 2 });
    expect(resultFor({ ...request, round: 2 }, 'approve')).toMatchObject({ next: 'ARCHIVE', round: 2 });
    expect(resultFor(request, 'correct')).toMatchObject({ next: 'NEXT_APPROVER', round: 2 });
  });
  it('archives a rejection, clarifies a question, rechecks an answer and forwards to the asking round', () => {
    expect(resultFor(request, 'reject')).toMatchObject({ next: 'ARCHIVE' });
    expect(resultFor(request, 'clarify')).toMatchObject({ next: 'CLARIFY', round: 1 });
    expect(resultFor({ ...request, round: 2 }, 'answer')).toMatchObject({ next: 'RECHECK', round: 1 });
    expect(resultFor({ ...request, returnRound: 2 }, 'forward')).toMatchObject({
      next: 'NEXT_APPROVER',
      round: 2,
    });
  });
});

describe('pages and text', () => {
  it('masks IBAN-shaped text', () => {
    expect(scrubIbans('Konto DE89 3704 0044 0532 0130 00 neu')).toBe('Konto DE89 **** 3000 neu');
    expect(scrubIbans('IBAN DE89370400440532013000.')).toBe('IBAN DE89 **** 3000.');
  });

  it('renders a message page without script and with the hashed stylesheet only', () => {
    // Act
    const html = renderMessagePage('de', 'alert', 'Dieser Link ist ungültig.', '<b>x</b>');
    // Assess
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(html).not.toMatch(/ style="/);
    expect(PAGE_STYLE_HASH).toMatch(/^sha256-[A-Za-z0-9+/]+=*$/);
  });
});

describe('local link signer', () => {
  it('creates a 32-byte key file readable only by the owner and verifies its own signatures', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'links-'));
    const path = join(dir, 'keys', 'link.key');
    // Act
    const signer = await LocalLinkSigner.fromKeyFile(path);
    const again = await LocalLinkSigner.fromKeyFile(path);
    const signature = await signer.sign('message');
    // Assess
    expect((await readFile(path)).length).toBe(32);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await again.verify('message', signature)).toBe(true);
    expect(await signer.verify('message!', signature)).toBe(false);
    expect(
      await signer.verify('message', `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`),
    ).toBe(false);
    expect(await signer.verify('message', 'not a signature')).toBe(false);
    expect(await signer.verify('message', nonCanonical(signature))).toBe(false);
    expect(await signer.verify('message', signature.slice(0, 20))).toBe(false);
  });
});

/** Same bytes, other text: the last base64url character carries two unused bits. */
function nonCanonical(signature: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(signature.at(-1)!);
  return signature.slice(0, -1) + alphabet[last ^ 1];
}

describe('local secret box', () => {
  it('opens only with the context it was sealed with', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'box-'));
    const box = await LocalSecretBox.fromKeyFile(join(dir, 'box.key'));
    // Act
    const sealed = await box.seal('task-token+/=', { approvalId: 'a1', invoiceId: 'i1' });
    // Assess
    expect(sealed).not.toContain('task-token');
    expect(await box.open(sealed, { invoiceId: 'i1', approvalId: 'a1' })).toBe('task-token+/=');
    await expect(box.open(sealed, { approvalId: 'a2', invoiceId: 'i1' })).rejects.toThrow(/does not belong/);
    await expect(box.open('garbage', { approvalId: 'a1', invoiceId: 'i1' })).rejects.toThrow(/known format/);
  });
});

describe('evidence on the decision page', () => {
  it('shows where each field of a text-read invoice stands, and marks the uncertain ones', () => {
    const invoice = readInvoiceFromLayout(
      layoutOf([
        { cells: [[50, 'Muster Bürobedarf GmbH · Lindwurmstraße 12 · 80337 München']], size: 6.5 },
        { cells: [[50, 'Schreinerei Holzmann GmbH']] },
        {
          cells: [
            [340, 'Rechnungsnummer:'],
            [480, 'RE-2024-0815'],
          ],
        },
        {
          cells: [
            [340, 'Rechnungsdatum:'],
            [480, '15.03.2024'],
          ],
        },
        {
          cells: [
            [330, 'Nettobetrag'],
            [500, '279,70 €'],
          ],
        },
        {
          cells: [
            [330, 'USt 19 %'],
            [500, '53,14 €'],
          ],
        },
        {
          cells: [
            [330, 'Gesamtbetrag'],
            [500, '332,84 €'],
          ],
        },
        {
          cells: [
            [50, 'IBAN:'],
            [150, 'DE12 1234 5678 1234 5678 90'],
          ],
        },
      ]),
      { format: 'pdf-text' },
    ).invoice;
    const record = {
      id: 'inv-1',
      status: 'AWAITING_APPROVAL',
      receivedAt: '2024-03-16T08:00:00.000Z',
      updatedAt: '2024-03-16T08:00:00.000Z',
      mail: { from: 'rechnung@muster.de' },
      checks: [extractionCheck(invoice, defaultPolicy())],
    } as unknown as InvoiceRecord;

    const view = buildInvoiceView(record, invoice, 'de');
    const page = renderDecisionPage({
      request: {
        language: 'de',
        kind: 'approval',
        approvalId: 'a-1',
        invoiceId: 'inv-1',
        round: 1,
        requiredApprovals: 1,
        previousApprovers: [],
        requiresTypedAmount: false,
      } as unknown as ApprovalRequest,
      view,
      link: { exp: 1_900_000_000, sig: 'sig' },
      nonce: 'nonce',
    });

    expect(view.evidence?.rows.find((r) => r.label === 'Rechnungsnummer')).toMatchObject({
      page: 1,
      text: 'Rechnungsnummer: | RE-2024-0815',
      weak: false,
    });
    expect(view.evidence?.rows.find((r) => r.label === 'Bankverbindung')).toMatchObject({ weak: true });
    expect(page).toContain('Wo die Daten im Dokument stehen');
    expect(page).toContain('unsicher, bitte prüfen');
    expect(page).not.toContain('DE12 1234 5678 1234 5678 90'); // IBANs stay masked
  });

  it('shows no evidence section for an exact e-invoice', () => {
    const record = {
      id: 'inv-2',
      status: 'AWAITING_APPROVAL',
      receivedAt: '2024-03-16T08:00:00.000Z',
      updatedAt: '2024-03-16T08:00:00.000Z',
      mail: { from: 'rechnung@muster.de' },
    } as unknown as InvoiceRecord;

    expect(buildInvoiceView(record, sampleInvoice(), 'de').evidence).toBeUndefined();
  });
});
