/** Master data: types, CSV import and the normalisers that make invoices comparable with it. */
export * from './iban';
export * from './names';
export * from './normalize';
export * from './parse';
export * from './types';
export { isIsoDate, parseDecimalValue } from './values';
export * from './vat-id';
