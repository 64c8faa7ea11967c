import { describe, expect, it } from 'vitest';
import {
  parseBooleanValue,
  parseDateValue,
  parseDecimalValue,
  ValueError,
} from '../../../functions/core/masterdata/values';

describe('CSV value parsers', () => {
  it.each([
    ['12,50', '12.5'],
    ['12.50', '12.5'],
    ['1.234', '1.234'],
    ['1.234,56', '1234.56'],
    ['1,234.56', '1234.56'],
    ['2.500,00', '2500'],
    ['-3', '-3'],
    [' 7 ', '7'],
  ])('reads the amount %s as %s (decimal comma or point)', (raw, expected) => {
    expect(parseDecimalValue(raw)).toBe(expected);
  });

  it.each(['', 'abc', '1,2,3', '1.2.3', '1e5', '12,5.0'])('rejects %j as a decimal', (raw) => {
    expect(() => parseDecimalValue(raw)).toThrow(ValueError);
  });

  it.each([
    ['ja', true],
    ['TRUE', true],
    ['x', true],
    ['nein', false],
    ['', false],
    ['0', false],
  ])('reads the flag %j as %s', (raw, expected) => {
    expect(parseBooleanValue(raw)).toBe(expected);
  });

  it('rejects a flag it does not know', () => {
    expect(() => parseBooleanValue('vielleicht')).toThrow(ValueError);
  });

  it('reads ISO and German dates and rejects impossible ones', () => {
    expect(parseDateValue('2024-03-05')).toBe('2024-03-05');
    expect(parseDateValue('5.3.2024')).toBe('2024-03-05');
    expect(parseDateValue('2024-03-05T10:00:00Z')).toBe('2024-03-05');
    expect(() => parseDateValue('2024-02-30')).toThrow(ValueError);
    expect(() => parseDateValue('März 2024')).toThrow(ValueError);
  });
});
