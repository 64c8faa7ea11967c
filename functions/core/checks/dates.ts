import { isIsoDate } from '../masterdata/values';

/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so no time zone shifts a day. */
export { isIsoDate };

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The date part of an ISO timestamp or date, if it is a real date. */
export function datePart(value: string | undefined): string | undefined {
  const day = value?.slice(0, 10);
  return isIsoDate(day) ? day : undefined;
}
