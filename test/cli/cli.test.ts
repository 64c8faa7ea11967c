import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoMasterData } from '../../functions/adapters/aws/dynamo-master-data';
import { LOCAL_TABLE_NAMES, startLocalDynamo } from '../../functions/adapters/local/dynalite';
import { sampleInvoice, writeCii, writeUbl } from '../../samples/einvoice-writer';
import { writeInvoicePdf } from '../../samples/pdf-writer';
import { runCli, stderrLines } from './run-cli';

/**
 * The CLI contract of issues 3 and 4, exercised through the real bin (one child process per case,
 * about a second each, so cases are grouped). Fixtures are generated into a temp directory.
 */

let dir: string;
const file = (name: string) => join(dir, name);
const invoice = sampleInvoice();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'invoice-agent-cli-'));
  writeFileSync(file('invoice.cii.xml'), writeCii(invoice));
  writeFileSync(file('invoice.ubl.xml'), writeUbl(invoice));
  writeFileSync(
    file('hybrid.pdf'),
    await writeInvoicePdf(invoice, {
      embed: {
        xml: writeCii(invoice, { profile: 'EN16931' }),
        fileName: 'factur-x.xml',
        profile: 'EN 16931',
      },
    }),
  );
  writeFileSync(file('plain.pdf'), await writeInvoicePdf(invoice));
  writeFileSync(
    file('doctype.xml'),
    '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x "boom">]>\n<rsm:CrossIndustryInvoice>&x;</rsm:CrossIndustryInvoice>',
  );
  // BT-106 (sum of line net amounts) that does not match the lines: BR-CO-10.
  const broken = { ...invoice, totals: { ...invoice.totals, lineNet: '999.00' } };
  writeFileSync(file('broken.xml'), writeCii(broken));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// Each case spawns its own process on its own files: they run in parallel.
describe.concurrent('invoice-agent CLI', () => {
  describe('invoice-agent --help', () => {
    it('lists the commands and exits 0', async () => {
      // Act
      const run = await runCli(['--help']);

      // Assess
      expect(run.code).toBe(0);
      for (const command of ['extract', 'validate', 'masterdata']) expect(run.stdout).toContain(command);
      expect(run.stdout).toContain('Exit codes');
    });
  });

  describe('invoice-agent extract', () => {
    it('prints one JSON object with the contract fields for one file', async () => {
      // Act
      const run = await runCli(['extract', file('invoice.cii.xml'), '--json']);

      // Assess
      expect(run.code).toBe(0);
      const output = JSON.parse(run.stdout);
      expect(output).not.toHaveProperty('file');
      expect(output).toMatchObject({
        invoiceNumber: 'RE-2024-0815',
        issueDate: '2024-03-15',
        typeCode: '380',
        currency: 'EUR',
        seller: { name: 'Muster Bürobedarf GmbH', vatId: 'DE811907980', iban: 'DE89370400440532013000' },
        buyer: { name: 'Schreinerei Holzmann GmbH' },
        totals: { net: '279.70', vat: '53.14', gross: '332.84', payable: '332.84' },
        vatBreakdown: [{ category: 'S', rate: '19', taxable: '279.70', tax: '53.14' }],
        source: { format: 'xrechnung-cii', confidence: 1 },
      });
      expect(output.lines).toHaveLength(3);
    });

    it('rejects a DOCTYPE XML with a one-line message, no stack trace and a non-zero exit', async () => {
      // Act
      const run = await runCli(['extract', file('doctype.xml'), '--json']);

      // Assess
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(stderrLines(run)).toHaveLength(1);
      expect(run.stderr).toMatch(/doctype\.xml: UnsafeInputError: .*DOCTYPE/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });

    it('prints JSON Lines for several files, reports the bad one as {file, error} and processes the rest', async () => {
      // Prepare
      const files = ['invoice.cii.xml', 'doctype.xml', 'invoice.ubl.xml', 'hybrid.pdf', 'plain.pdf'].map(
        file,
      );

      // Act
      const run = await runCli(['extract', ...files, '--json']);

      // Assess
      expect(run.code).toBe(1);
      const lines = run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(lines.map((l) => l.file)).toEqual(files);
      expect(lines[1]).toEqual({
        file: files[1],
        error: expect.stringContaining('DOCTYPE'),
        code: 'UNSAFE_INPUT',
      });
      expect(lines.map((l) => l.source?.format)).toEqual([
        'xrechnung-cii',
        undefined,
        'xrechnung-ubl',
        'factur-x',
        'pdf-text',
      ]);
      for (const line of [lines[0], lines[2], lines[3], lines[4]]) {
        expect(line.invoiceNumber).toBe('RE-2024-0815');
        expect(line.totals.gross).toBe('332.84');
      }
      expect(stderrLines(run)).toEqual([expect.stringContaining('doctype.xml: UnsafeInputError')]);
    });

    it('reads only the visible text with --text-only, ignoring the embedded XML', async () => {
      // Act
      const run = await runCli(['extract', file('hybrid.pdf'), '--json', '--text-only']);

      // Assess
      expect(run.code).toBe(0);
      const output = JSON.parse(run.stdout);
      expect(output.source.format).toBe('pdf-text');
      expect(output.source.confidence).toBeLessThan(1);
      expect(output.source.fields.invoiceNumber).toMatchObject({ page: 1 });
      expect(output).toMatchObject({
        invoiceNumber: 'RE-2024-0815',
        issueDate: '2024-03-15',
        currency: 'EUR',
        totals: { gross: '332.84' },
      });
    });
  });

  describe('invoice-agent extract on hostile PDFs (bounded reader from the bin)', () => {
    it('turns a corrupt PDF and an oversized PDF into typed one-line errors', async () => {
      // Prepare
      writeFileSync(file('corrupt.pdf'), `%PDF-1.7\n${'garbage '.repeat(500)}\n%%EOF`);
      const oversized = Buffer.alloc(26 * 1024 * 1024, 0x20);
      oversized.write('%PDF-1.7\n');
      writeFileSync(file('oversized.pdf'), oversized);

      // Act
      const run = await runCli(['extract', file('corrupt.pdf'), file('oversized.pdf'), '--json']);

      // Assess
      expect(run.code).toBe(1);
      const [corrupt, big] = run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(corrupt).toMatchObject({ file: file('corrupt.pdf'), code: 'UNREADABLE' });
      expect(big).toMatchObject({ file: file('oversized.pdf'), code: 'LIMIT_EXCEEDED' });
      expect(stderrLines(run)).toHaveLength(2);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  });

  describe('invoice-agent validate', () => {
    it('reports BR-CO-10 for a broken invoice, validates a hybrid PDF and refuses a plain PDF', async () => {
      // Prepare
      const files = ['broken.xml', 'hybrid.pdf', 'plain.pdf'].map(file);

      // Act
      const run = await runCli(['validate', ...files, '--json']);

      // Assess
      expect(run.code).toBe(1);
      const [broken, hybrid, plain] = run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(broken.valid).toBe(false);
      expect(broken.findings).toContainEqual({
        rule: 'BR-CO-10',
        severity: 'fatal',
        message: expect.any(String),
        messageDe: expect.any(String),
        path: expect.anything(),
      });
      expect(hybrid).toMatchObject({ file: files[1], valid: true });
      expect(plain).toEqual({
        file: files[2],
        error: expect.stringContaining('no structured invoice to validate'),
        code: 'NO_EINVOICE',
      });
    });
  });

  describe('invoice-agent masterdata import', () => {
    it('imports the good rows, reports the bad row with its line and exits 1', async () => {
      // Prepare
      const dataDir = file('data');
      const csvDir = file('masterdata');
      mkdirSync(csvDir);
      writeFileSync(
        join(csvDir, 'vendors.csv'),
        [
          'vendorId;name;vatId;iban;emailDomains;glAccount;costCenter;requiresPo',
          'V1;Muster Bürobedarf GmbH;DE811907980;DE89370400440532013000;muster-buerobedarf.de;4930;1000;ja',
          'V2;Kaputt GmbH;;DE00123;kaputt.de;4930;1000;nein',
          'V3;Holz AG;;DE02120300000000202051;holz.de;4400;2000;nein',
        ].join('\n'),
      );
      writeFileSync(
        join(csvDir, 'purchase-orders.csv'),
        [
          'poNumber;vendorId;line;description;quantity;unitPrice;currency;costCenter;requesterEmail',
          'PO-4711;V1;1;Kopierpapier;20;4.50;EUR;1000;erik@firma.de',
          'PO-4711;V1;2;Toner;2;89.90;EUR;1000;erik@firma.de',
        ].join('\n'),
      );

      // Act
      const run = await runCli(['masterdata', 'import', csvDir], { DATA_DIR: dataDir });

      // Assess
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('vendors.csv:3: iban');
      expect(run.stdout).toMatch(/vendors\s+2/);
      expect(stderrLines(run)).toHaveLength(1);
      const dynamo = await startLocalDynamo({ path: join(dataDir, 'dynamo') });
      try {
        const store = new DynamoMasterData(dynamo.client, LOCAL_TABLE_NAMES.masterData);
        expect((await store.listVendors()).map((v) => v.vendorId).sort()).toEqual(['V1', 'V3']);
        expect(await store.findVendorsByIban('DE89370400440532013000')).toHaveLength(1);
        expect((await store.getPurchaseOrder('PO-4711'))?.lines).toHaveLength(2);
      } finally {
        await dynamo.close();
      }
    });
  });
});
