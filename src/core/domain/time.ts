import { DateTime, IANAZone } from 'luxon';

export function isValidTimezone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The first zone in the list that exists; UTC when none does. */
export function pickTimezone(...zones: Array<string | null | undefined>): string {
  return zones.find((z): z is string => Boolean(z) && isValidTimezone(z!)) ?? 'UTC';
}

/** Midnight of `now`'s local day in `zone`, as an instant. */
export function startOfLocalDay(now: Date, zone: string): Date {
  return DateTime.fromJSDate(now, { zone }).startOf('day').toJSDate();
}
