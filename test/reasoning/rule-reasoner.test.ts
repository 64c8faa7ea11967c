import { describe, expect, it } from 'vitest';
import { createRuleReasoner, reasonByRules } from '../../functions/core/reasoning/rule-reasoner';
import { sampleInvoice } from '../../samples/einvoice-writer';
import { reasoningInput } from './fixtures';

describe('rule reasoner', () => {
  it('recommends approval of an auto-approved invoice and codes it with the vendor default', async () => {
    // Prepare
    const input = reasoningInput({ route: 'AUTO_APPROVE' });

    // Act
    const summary = await createRuleReasoner().reason(input);

    // Assess
    expect(summary.engine).toBe('rules:1');
    expect(summary.recommendation).toBe('approve');
    expect(summary.coding).toEqual({ glAccount: '4930', costCenter: '1000' });
    expect(summary.explanation).toContain('AUTO_APPROVE');
    expect(summary.explanation).toContain('Sachkonto 4930');
    expect(summary.confidence).toBe(0.95);
  });

  it('never recommends approval while an IBAN_MISMATCH hold stands', () => {
    // Prepare
    const input = reasoningInput({
      route: 'APPROVE',
      reasons: ['IBAN_MISMATCH'],
      holds: ['IBAN_MISMATCH'],
      checks: [{ id: 'vendor.iban', status: 'fail', code: 'IBAN_MISMATCH', message: 'IBAN not known' }],
    });

    // Act
    const summary = reasonByRules(input);

    // Assess
    expect(summary.recommendation).toBe('review');
    expect(summary.explanation).toContain('IBAN_MISMATCH');
    expect(summary.explanation).toContain('Sperre');
  });

  it('recommends rejection of an exact duplicate', () => {
    // Prepare
    const input = reasoningInput({
      route: 'REJECT',
      reasons: ['DUPLICATE_EXACT'],
      holds: ['DUPLICATE_EXACT'],
    });

    // Act
    const summary = reasonByRules(input);

    // Assess
    expect(summary.recommendation).toBe('reject');
    expect(summary.explanation).toContain('Ablehnung (REJECT)');
  });

  it('recommends review for a clarification and cites its reason code', () => {
    // Prepare
    const input = reasoningInput({ route: 'CLARIFY', reasons: ['PO_MISSING'] });

    // Act
    const summary = reasonByRules(input);

    // Assess
    expect(summary.recommendation).toBe('review');
    expect(summary.explanation).toContain('PO_MISSING – PO_MISSING Meldung');
  });

  it('recommends approval to the approver when only the amount sent the invoice to a person', () => {
    // Prepare
    const input = reasoningInput({ route: 'APPROVE_FOUR_EYES', reasons: ['AMOUNT_ABOVE_THRESHOLD'] });

    // Act
    const summary = reasonByRules(input);

    // Assess
    expect(summary.recommendation).toBe('approve');
  });

  it('recommends review when a check warned, naming the warning', () => {
    // Prepare
    const input = reasoningInput({
      route: 'APPROVE',
      reasons: ['SENDER_DOMAIN_UNKNOWN'],
      checks: [
        { id: 'vendor.domain', status: 'fail', code: 'SENDER_DOMAIN_UNKNOWN', message: 'domain' },
        { id: 'formal.dueDate', status: 'warn', code: 'DUE_DATE_INVALID', message: 'due date' },
      ],
    });

    // Act
    const summary = reasonByRules(input);

    // Assess
    expect(summary.recommendation).toBe('review');
    expect(summary.explanation).toContain('Hinweise: DUE_DATE_INVALID');
  });

  it('drops a default coding that master data does not allow', () => {
    // Prepare
    const input = reasoningInput({
      vendor: { id: 'V1', name: 'Muster', defaultCoding: { glAccount: '9999', costCenter: '1000' } },
    });

    // Act
    const summary = reasonByRules(input);

    // Assess
    expect(summary.coding).toEqual({ costCenter: '1000' });
    expect(summary.confidence).toBe(0.8);
  });

  it('takes the GL account from the buyer accounting reference (BT-19) when there is no vendor coding', () => {
    // Prepare
    const input = reasoningInput({
      vendor: null,
      invoice: sampleInvoice({ buyerAccountingReference: '4400' }),
    });

    // Act
    const summary = reasonByRules(input);

    // Assess
    expect(summary.coding).toEqual({ glAccount: '4400' });
    expect(summary.explanation).toContain('BT-19');
  });

  it('gives the same summary for the same input', () => {
    // Prepare
    const input = reasoningInput({ route: 'APPROVE', reasons: ['PRICE_DEVIATION'] });

    // Act
    const first = reasonByRules(input);
    const second = reasonByRules(structuredClone(input));

    // Assess
    expect(second).toEqual(first);
  });
});
