import { describe, expect, it } from 'vitest';
import { validationChecks } from '../../../functions/core/checks/document';
import type { ValidationReport } from '../../../functions/core/validation/types';
import { check, invoice } from './fixtures';

const report = (...rules: string[]): ValidationReport => ({
  valid: false,
  ruleSets: ['EN16931-CII'],
  findings: rules.map((rule) => ({ rule, severity: 'fatal' as const, message: `${rule} violated` })),
});

describe('EN 16931 findings as reason codes', () => {
  it('maps sum rules to ARITHMETIC, failing only when our own arithmetic fails too', () => {
    // Act
    const tolerated = validationChecks(report('BR-CO-10'), { arithmeticHolds: true, smallInvoice: false });
    const real = validationChecks(report('BR-CO-10'), { arithmeticHolds: false, smallInvoice: false });

    // Assess
    expect(tolerated).toMatchObject([{ id: 'einvoice.arithmetic', status: 'warn', code: 'ARITHMETIC' }]);
    expect(real).toMatchObject([{ id: 'einvoice.arithmetic', status: 'fail', code: 'ARITHMETIC' }]);
  });

  it('maps mandatory-content rules to MANDATORY_FIELD_MISSING and the rest to EINVOICE_INVALID', () => {
    // Act
    const results = validationChecks(report('BR-06', 'BR-DE-15', 'BR-CL-25', 'BR-S-08'), {
      arithmeticHolds: true,
      smallInvoice: false,
    });

    // Assess
    expect(results.map((r) => [r.id, r.status, r.code])).toEqual([
      ['einvoice.arithmetic', 'warn', 'ARITHMETIC'],
      ['einvoice.mandatory', 'fail', 'MANDATORY_FIELD_MISSING'],
      ['einvoice.validation', 'fail', 'EINVOICE_INVALID'],
    ]);
    expect(results[2]!.evidence.findings).toHaveLength(2);
  });

  it('maps seller tax id and exemption-statement rules onto their legal meaning', () => {
    // Act
    const results = validationChecks(report('BR-S-02', 'BR-DE-16', 'BR-AE-10'), {
      arithmeticHolds: true,
      smallInvoice: false,
    });

    // Assess
    expect(results.map((r) => r.code)).toEqual(['MANDATORY_FIELD_MISSING', 'REVERSE_CHARGE_NOTE_MISSING']);
  });

  it('treats missing EN 16931 content of a Kleinbetragsrechnung as a technical defect only', () => {
    // Act
    const results = validationChecks(report('BR-07', 'BR-S-02'), {
      arithmeticHolds: true,
      smallInvoice: true,
    });

    // Assess
    expect(results.map((r) => r.code)).toEqual(['EINVOICE_INVALID']);
  });

  it('ignores warnings and skips documents without validation', () => {
    // Prepare
    const warningsOnly: ValidationReport = {
      valid: true,
      ruleSets: ['EN16931-UBL'],
      findings: [{ rule: 'BR-CL-10', severity: 'warning', message: 'w' }],
    };

    // Act + Assess
    expect(validationChecks(warningsOnly, { arithmeticHolds: true, smallInvoice: false })[0]!.status).toBe(
      'pass',
    );
    expect(validationChecks(undefined, { arithmeticHolds: true, smallInvoice: false })[0]!.status).toBe(
      'skip',
    );
  });
});

describe('currency and extraction confidence', () => {
  it('flags CURRENCY_MISMATCH for an invoice outside the company currency', async () => {
    expect((await check(invoice({ currency: 'CHF' }))).byId('currency').code).toBe('CURRENCY_MISMATCH');
  });

  it('flags EXTRACTION_UNCERTAIN for low document or key-field confidence', async () => {
    // Prepare
    const lowDocument = invoice({ source: { format: 'ocr', confidence: 0.5 } });
    const lowField = invoice({
      source: {
        format: 'pdf-text',
        confidence: 0.9,
        fields: { 'totals.gross': { confidence: 0.3 }, 'seller.name': { confidence: 0.1 } },
      },
    });

    // Act
    const a = await check(lowDocument);
    const b = await check(lowField);

    // Assess
    expect(a.byId('extraction.confidence').code).toBe('EXTRACTION_UNCERTAIN');
    expect(b.byId('extraction.confidence').evidence.weakFields).toEqual([
      { field: 'totals.gross', confidence: 0.3 },
    ]);
  });
});
