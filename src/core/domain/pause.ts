import { DateTime } from 'luxon';
import type { UsageProblem } from '../conversation/usage';
import { readDate } from './dates';

export const MAX_PAUSE_DAYS = 365;

export type PauseParse =
  | {
      ok: true;
      /** When it ends: the start of the day after the last day paused. */
      until: Date;
      /** The last day paused, in the person's calendar: the day they typed, if they gave one. */
      lastDay: Date;
    }
  | { ok: false; usage: UsageProblem };

const UNITS: Record<string, 'days' | 'weeks' | 'months'> = {
  d: 'days',
  day: 'days',
  days: 'days',
  w: 'weeks',
  wk: 'weeks',
  week: 'weeks',
  weeks: 'weeks',
  m: 'months',
  month: 'months',
  months: 'months',
};

/**
 * When a pause ends: a length ("2w", "3 days", "1 month") counted from today, or a day it
 * lasts through ("until jan 15", "until 2027-01-15", read like every other date). Either way
 * it ends at the start of a day in the person's own timezone, and it ends by itself.
 */
export function parsePause(text: string, now: Date, zone: string): PauseParse {
  const t = text.trim().toLowerCase();
  if (t === '') return { ok: false, usage: { code: 'pause_how_long' } };
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const length = /^(?:for\s+)?(\d{1,3})\s*([a-z]+)$/.exec(t);
  let until: DateTime;
  if (length && UNITS[length[2]!]) {
    const amount = Number(length[1]);
    if (amount === 0) return { ok: false, usage: { code: 'pause_how_long' } };
    until = today.plus({ [UNITS[length[2]!]!]: amount });
  } else {
    const read = readDate(t.replace(/^(?:until|till|til|through)\s+/, ''), now, zone);
    if (!read.ok)
      return {
        ok: false,
        usage:
          read.problem === 'passed'
            ? { code: 'pause_passed' }
            : { code: 'pause_unreadable', typed: text },
      };
    // Through that day: back the morning after.
    until = read.found.day.plus({ days: 1 }).startOf('day');
    if (until.toMillis() <= now.getTime()) return { ok: false, usage: { code: 'pause_passed' } };
  }
  if (until.diff(today, 'days').days > MAX_PAUSE_DAYS + 1)
    return { ok: false, usage: { code: 'pause_too_long' } };
  return { ok: true, until: until.toJSDate(), lastDay: until.minus({ days: 1 }).toJSDate() };
}
