import { isDecimalLiteral } from '../money';

/**
 * Reads an amount a person typed to confirm, in German or English notation:
 * "12.345,67", "12345,67", "12,345.67", "12345.67", "12.345" (German thousands), "€ 12 345,67".
 * Returns a decimal string, or undefined when it is not an amount.
 */
export function parseTypedAmount(input: string): string | undefined {
  const text = input.replace(/[\s\u00a0\u202f']/g, '').replace(/(EUR|€|USD|\$|CHF|GBP|£)/gi, '');
  if (!/^-?[\d.,]+$/.test(text) || text.length > 24) return undefined;
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  let normalized: string;
  if (lastComma >= 0 && lastDot >= 0) {
    // Both: the later one separates the decimals, the other groups thousands.
    const decimal = lastComma > lastDot ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    normalized = text.split(group).join('').replace(decimal, '.');
  } else if (lastComma >= 0) {
    normalized = groupedThousands(text, ',') ? text.split(',').join('') : text.replace(',', '.');
  } else if (lastDot >= 0) {
    normalized = groupedThousands(text, '.') ? text.split('.').join('') : text;
  } else {
    normalized = text;
  }
  return isDecimalLiteral(normalized) ? normalized : undefined;
}

/**
 * "1.234.567" or "1.234" with a dot (German grouping), "1,234,567" with a comma and several groups:
 * thousands separators, not decimals. A single comma before three digits ("1,234") is read as a
 * German decimal comma only when there is no other evidence; we treat it as grouping for dots and as
 * a decimal for commas, the notation German approvers use.
 */
function groupedThousands(text: string, separator: '.' | ','): boolean {
  const parts = text.replace(/^-/, '').split(separator);
  if (parts.length < 2) return false;
  const [head, ...groups] = parts;
  if (!/^\d{1,3}$/.test(head ?? '') || !groups.every((g) => /^\d{3}$/.test(g))) return false;
  return separator === '.' || groups.length > 1;
}
