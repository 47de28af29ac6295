import { DateTime } from 'luxon';

export const MAX_PAUSE_DAYS = 365;

export type PauseParse = { ok: true; until: Date } | { ok: false; message: string };

const EXAMPLES =
  'For example: `/rapport pause 2w`, `/rapport pause 10 days` or `/rapport pause until 2027-01-15`.';
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
 * When a pause ends: a length ("2w", "3 days", "1 month") counted from today, or a date it
 * lasts through ("until 2027-01-15"). Either way it ends at the start of a day in the person's
 * own timezone, and it ends by itself.
 */
export function parsePause(text: string, now: Date, zone: string): PauseParse {
  const t = text.trim().toLowerCase();
  if (t === '') return { ok: false, message: `For how long? ${EXAMPLES}` };
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const length = /^(\d{1,3})\s*([a-z]+)$/.exec(t);
  const date = /^(?:until\s+)?(\d{4}-\d{2}-\d{2})$/.exec(t);
  let until: DateTime;
  if (length && UNITS[length[2]!]) {
    const amount = Number(length[1]);
    if (amount === 0) return { ok: false, message: `For how long? ${EXAMPLES}` };
    until = today.plus({ [UNITS[length[2]!]!]: amount });
  } else if (date) {
    const day = DateTime.fromISO(date[1]!, { zone });
    if (!day.isValid) return { ok: false, message: `${date[1]} is not a date. ${EXAMPLES}` };
    // Through that day: back the morning after.
    until = day.plus({ days: 1 }).startOf('day');
    if (until.toMillis() <= now.getTime())
      return { ok: false, message: `That date has passed. ${EXAMPLES}` };
  } else {
    return { ok: false, message: `I couldn't read "${text.trim().slice(0, 40)}". ${EXAMPLES}` };
  }
  if (until.diff(today, 'days').days > MAX_PAUSE_DAYS + 1)
    return { ok: false, message: `A pause can last up to a year. ${EXAMPLES}` };
  return { ok: true, until: until.toJSDate() };
}
