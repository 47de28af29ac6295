import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';

/** A date found in what someone typed, read in their own timezone. */
export interface FoundDate {
  /** Where in the text the date was written, and how. */
  index: number;
  text: string;
  /** That day in the person's calendar, at its start. */
  day: DateTime;
  /** The time of day they wrote, if any ("at 3pm"), in their zone. */
  at: DateTime | null;
}

export type DateRead =
  | { ok: true; found: FoundDate }
  | { ok: false; problem: 'none' | 'passed' | 'not_a_date'; typed?: string };

// Words that put a date in the past; chrono's forwardDate would move "last friday" ahead.
const PAST = /\b(?:last|ago|yesterday|previous)\b/i;

/** The person's wall clock now, as a Date whose local fields show it (what chrono reads). */
function wallClock(now: Date, zone: string): Date {
  const t = DateTime.fromJSDate(now, { zone });
  return new Date(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
}

/**
 * The one date reader every command uses (chrono-node): "tomorrow", "in 3 weeks", "next
 * monday", "jan 15", "2027-01-15", "friday at 3pm", in the person's own timezone whatever
 * the server's is. Dates in the past and impossible dates are refused, not moved.
 */
export function readDate(input: string, now: Date, zone: string): DateRead {
  // chrono reads an impossible ISO date ("2026-13-01") some other way: check those first.
  const iso = /(?:^|\s)(\d{4}-\d{2}-\d{2})\b/.exec(input)?.[1];
  if (iso && !DateTime.fromISO(iso, { zone }).isValid)
    return { ok: false, problem: 'not_a_date', typed: iso };
  const found = chrono.parse(input, wallClock(now, zone), { forwardDate: true })[0];
  if (!found) return { ok: false, problem: 'none' };
  if (PAST.test(found.text)) return { ok: false, problem: 'passed' };
  const start = found.start;
  const day = DateTime.fromObject(
    { year: start.get('year')!, month: start.get('month')!, day: start.get('day')! },
    { zone },
  );
  if (!day.isValid) return { ok: false, problem: 'not_a_date', typed: found.text };
  const at = start.isCertain('hour')
    ? day.set({ hour: start.get('hour')!, minute: start.get('minute') ?? 0 })
    : null;
  return { ok: true, found: { index: found.index, text: found.text, day, at } };
}
