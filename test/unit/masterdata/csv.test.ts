import { describe, expect, it } from 'vitest';
import { LimitExceededError } from '../../../functions/core/errors';
import { MAX_CSV_CHARS, parseCsv } from '../../../functions/core/masterdata/csv';

describe('parseCsv', () => {
  it('splits semicolon rows and keeps the physical line of each row', () => {
    // Prepare
    const text = 'a;b\n1;2\n\n3;4\n';

    // Act
    const table = parseCsv(text);

    // Assess
    expect(table.header?.fields).toEqual(['a', 'b']);
    expect(table.rows).toEqual([
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['3', '4'] },
    ]);
    expect(table.errors).toEqual([]);
  });

  it('drops a byte order mark and accepts CRLF line ends', () => {
    // Act
    const table = parseCsv('\uFEFFvendorId;name\r\nV1;Muster\r\n');

    // Assess
    expect(table.header?.fields).toEqual(['vendorId', 'name']);
    expect(table.rows[0]).toEqual({ line: 2, fields: ['V1', 'Muster'] });
  });

  it('reads quoted fields with separators, escaped quotes and line breaks', () => {
    // Prepare
    const text = 'name;note\n"Müller; Söhne";"sagt ""hallo"""\n"Zeile 1\nZeile 2";x\nlast;y\n';

    // Act
    const table = parseCsv(text);

    // Assess
    expect(table.rows.map((r) => r.fields)).toEqual([
      ['Müller; Söhne', 'sagt "hallo"'],
      ['Zeile 1\nZeile 2', 'x'],
      ['last', 'y'],
    ]);
    expect(table.rows.map((r) => r.line)).toEqual([2, 3, 5]);
  });

  it('reports an unterminated quote with its line and keeps earlier rows', () => {
    // Act
    const table = parseCsv('a;b\n1;2\n"open;3\n');

    // Assess
    expect(table.rows).toEqual([{ line: 2, fields: ['1', '2'] }]);
    expect(table.errors).toEqual([{ line: 3, message: 'unterminated quoted field' }]);
  });

  it('reports text after a closing quote', () => {
    // Act
    const table = parseCsv('a;b\n"x"y;2\n3;4\n');

    // Assess
    expect(table.errors[0]?.line).toBe(2);
    expect(table.rows).toEqual([{ line: 3, fields: ['3', '4'] }]);
  });

  it('refuses input above the size cap with a typed error', () => {
    // Prepare
    const huge = 'x'.repeat(MAX_CSV_CHARS + 1);

    // Act + Assess
    expect(() => parseCsv(huge)).toThrow(LimitExceededError);
  });
});
