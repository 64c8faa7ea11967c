import { describe, expect, it } from 'vitest';
import { check, invoice, SELLER, VENDOR } from './fixtures';

describe('vendor identification', () => {
  it('identifies the vendor by VAT id first', async () => {
    // Act
    const outcome = await check(invoice());

    // Assess
    expect(outcome.context.vendor?.vendorId).toBe('V1');
    expect(outcome.context.vendorMatchedBy).toBe('vatId');
    expect(outcome.context.glAccount).toBe('4930');
  });

  it('falls back to the IBAN, then the tax number, then the exact name', async () => {
    // Prepare
    const byIban = invoice({ seller: { ...SELLER, vatId: 'DE999999999' } });
    const byTaxNumber = invoice({
      seller: { ...SELLER, vatId: undefined, iban: undefined, taxNumber: '143/123/45678' },
    });
    const byName = invoice({
      seller: { ...SELLER, name: 'MUSTER BÜROBEDARF G.m.b.H.', vatId: undefined, iban: undefined },
    });
    const vendors = [{ ...VENDOR, taxNumber: '143 123 45678' }];

    // Act
    const results = await Promise.all([byIban, byTaxNumber, byName].map((inv) => check(inv, { vendors })));

    // Assess
    expect(results.map((r) => r.context.vendorMatchedBy)).toEqual(['iban', 'taxNumber', 'name']);
  });

  it('asks for clarification (VENDOR_UNKNOWN) when nothing matches', async () => {
    // Act
    const outcome = await check(
      invoice({
        seller: { name: 'Neue Druckerei GmbH', vatId: 'DE296377351', iban: 'DE24100100100555444333' },
      }),
    );

    // Assess
    expect(outcome.byId('vendor.match')).toMatchObject({ status: 'fail', code: 'VENDOR_UNKNOWN' });
    expect(outcome.context.vendor).toBeUndefined();
    expect(outcome.context.historyVendorKey).toBe('unknown:vat:DE296377351');
  });

  it('prefers the vendor that knows the IBAN when several share a VAT id', async () => {
    // Prepare
    const vendors = [
      { ...VENDOR, vendorId: 'V0', ibans: ['DE02120300000000202051'] },
      { ...VENDOR, vendorId: 'V1' },
    ];

    // Act
    const outcome = await check(invoice(), { vendors });

    // Assess
    expect(outcome.context.vendor?.vendorId).toBe('V1');
    expect(outcome.byId('vendor.match').evidence.alsoMatched).toEqual(['V0', 'V1']);
  });
});

describe('vendor checks', () => {
  it('holds the invoice (IBAN_MISMATCH) when the IBAN differs from the vendor master', async () => {
    // Act
    const outcome = await check(invoice({ seller: { ...SELLER, iban: 'DE34760100850987654321' } }));

    // Assess
    const result = outcome.byId('vendor.iban');
    expect(result).toMatchObject({ status: 'fail', code: 'IBAN_MISMATCH' });
    expect(JSON.stringify(result.evidence)).not.toContain('DE34760100850987654321');
  });

  it('passes an invoice without bank account (payment goes to the master IBAN)', async () => {
    expect(
      (await check(invoice({ seller: { ...SELLER, iban: undefined } }))).byId('vendor.iban').status,
    ).toBe('pass');
  });

  it('flags SENDER_DOMAIN_UNKNOWN for a foreign domain, accepts subdomains and internal forwarders', async () => {
    // Prepare
    const mail = (domain: string) => ({ input: { mail: { from: `x@${domain}`, senderDomain: domain } } });

    // Act
    const foreign = await check(invoice(), mail('gmail.com'));
    const sub = await check(invoice(), mail('billing.muster.de'));
    const internal = await check(invoice(), {
      ...mail('firma.de'),
      policy: { internalDomains: ['firma.de'] },
    });

    // Assess
    expect(foreign.byId('vendor.sender-domain')).toMatchObject({
      status: 'fail',
      code: 'SENDER_DOMAIN_UNKNOWN',
    });
    expect(sub.byId('vendor.sender-domain').status).toBe('pass');
    expect(internal.byId('vendor.sender-domain').evidence.internal).toBe(true);
  });

  it('flags a look-alike name of a known vendor that is otherwise unknown', async () => {
    // Act
    const outcome = await check(
      invoice({
        seller: { name: 'Musterr Bürobedarf GmbH', vatId: 'DE118645675', iban: 'DE44500105175407324931' },
      }),
    );

    // Assess
    expect(outcome.byId('vendor.lookalike')).toMatchObject({ status: 'fail', code: 'VENDOR_LOOKALIKE' });
    expect(outcome.byId('vendor.match').code).toBe('VENDOR_UNKNOWN');
  });

  it('flags a homoglyph name on a known vendor id (Cyrillic М)', async () => {
    // Act
    const outcome = await check(invoice({ seller: { ...SELLER, name: '\u041Custer Bürobedarf GmbH' } }));

    // Assess
    expect(outcome.context.vendorMatchedBy).toBe('vatId');
    expect(outcome.byId('vendor.lookalike')).toMatchObject({ status: 'fail', code: 'VENDOR_LOOKALIKE' });
  });

  it('only warns when the seller uses another, unrelated name', async () => {
    expect(
      (await check(invoice({ seller: { ...SELLER, name: 'MBB Handel' } }))).byId('vendor.lookalike').status,
    ).toBe('warn');
  });

  it('flags VAT_ID_MISMATCH when a vendor found by IBAN shows another VAT id', async () => {
    expect(
      (await check(invoice({ seller: { ...SELLER, vatId: 'DE999999999' } }))).byId('vendor.vat-id'),
    ).toMatchObject({ status: 'fail', code: 'VAT_ID_MISMATCH' });
  });

  it('flags SENDER_NOT_AUTHENTICATED when DMARC fails or SPF and DKIM both fail', async () => {
    // Prepare
    const auth = (authentication: Record<string, string>) => ({
      input: { mail: { from: 'a@muster.de', senderDomain: 'muster.de', authentication } },
    });

    // Act
    const dmarc = await check(invoice(), auth({ dmarc: 'FAIL', spf: 'PASS', dkim: 'PASS' }));
    const both = await check(invoice(), auth({ spf: 'fail', dkim: 'fail' }));
    const one = await check(invoice(), auth({ spf: 'fail', dkim: 'pass' }));

    // Assess
    expect(dmarc.byId('mail.authentication').code).toBe('SENDER_NOT_AUTHENTICATED');
    expect(both.byId('mail.authentication').code).toBe('SENDER_NOT_AUTHENTICATED');
    expect(one.byId('mail.authentication').status).toBe('pass');
  });
});
