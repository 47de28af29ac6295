import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { nextWorkingMoment, type WorkingHours } from './schedule';

export const ABOUT_MAX = 300;
/** A reminder can be set at most this far ahead. */
export const MAX_AHEAD_DAYS = 366;

export const FOLLOWUP_EXAMPLES =
  'For example: `/followup @carol tomorrow`, `/followup @carol in 3 weeks about the budget review`, ' +
  '`/followup @carol next monday` or `/followup @carol on 2027-01-15`.';

export type WhenParse =
  { ok: true; due: Date; about: string | null } | { ok: false; message: string };

// Words people put before a date ("on 2027-01-15", "by friday") and between it and the topic.
const LEAD = /^(?:\s|,|on\b|by\b|at\b|for\b)*$/i;
const PAST = /\b(?:last|ago|yesterday|previous)\b/i;
const TOPIC = /^(?:\s|[,:;–—-]|about\b|re\b|regarding\b|to\b)*/i;

/** The member's wall clock now, as a Date whose local fields show it (what chrono reads). */
function wallClock(now: Date, zone: string): Date {
  const t = DateTime.fromJSDate(now, { zone });
  return new Date(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
}

/**
 * When a follow-up is due, from what the member typed after the person: "tomorrow",
 * "in 3 days", "next monday", "on 2027-01-15", "friday at 3pm", optionally followed by
 * "about …". A day without a time means the start of the member's working day then (or the
 * next working day); a time means that time. Read in the member's own timezone, whatever the
 * server's is.
 */
export function parseWhen(text: string, now: Date, hours: WorkingHours): WhenParse {
  const input = text.trim();
  if (input === '') return { ok: false, message: `When should I remind you? ${FOLLOWUP_EXAMPLES}` };
  // chrono reads an impossible ISO date ("2026-13-01") some other way: check those first.
  const iso = /^(?:(?:on|by)\s+)?(\d{4}-\d{2}-\d{2})\b/i.exec(input)?.[1];
  if (iso && !DateTime.fromISO(iso, { zone: hours.zone }).isValid)
    return { ok: false, message: `${iso} is not a date. ${FOLLOWUP_EXAMPLES}` };
  const found = chrono.parse(input, wallClock(now, hours.zone), { forwardDate: true })[0];
  if (!found || !LEAD.test(input.slice(0, found.index)))
    return {
      ok: false,
      message: `I couldn't tell when "${input.slice(0, 40)}" is. ${FOLLOWUP_EXAMPLES}`,
    };
  // forwardDate moves "last friday" to the next one: a date in the past is refused instead.
  if (PAST.test(found.text))
    return { ok: false, message: `That date has passed. ${FOLLOWUP_EXAMPLES}` };
  const start = found.start;
  const local = DateTime.fromObject(
    { year: start.get('year')!, month: start.get('month')!, day: start.get('day')! },
    { zone: hours.zone },
  );
  if (!local.isValid)
    return { ok: false, message: `That is not a date I know. ${FOLLOWUP_EXAMPLES}` };
  const today = DateTime.fromJSDate(now, { zone: hours.zone }).startOf('day');
  let due: Date;
  if (start.isCertain('hour')) {
    due = local.set({ hour: start.get('hour')!, minute: start.get('minute') ?? 0 }).toJSDate();
    if (due.getTime() <= now.getTime())
      return { ok: false, message: `That time has passed. ${FOLLOWUP_EXAMPLES}` };
  } else {
    if (local < today) return { ok: false, message: `That date has passed. ${FOLLOWUP_EXAMPLES}` };
    // "Today" after hours: the start of the next working day.
    due = nextWorkingMoment(local.toMillis() > now.getTime() ? local.toJSDate() : now, hours);
  }
  if (due.getTime() - now.getTime() > MAX_AHEAD_DAYS * 24 * 60 * 60 * 1000)
    return { ok: false, message: `Reminders can be set up to a year ahead. ${FOLLOWUP_EXAMPLES}` };
  const about = input
    .slice(found.index + found.text.length)
    .replace(TOPIC, '')
    .trim();
  if ([...about].length > ABOUT_MAX)
    return { ok: false, message: `Please keep what it is about to ${ABOUT_MAX} characters.` };
  return { ok: true, due, about: about === '' ? null : about };
}
