import { DateTime } from 'luxon';
import type { UsageProblem } from '../conversation/usage';
import { readDate } from './dates';
import { nextWorkingMoment, type WorkingHours } from './schedule';

export const ABOUT_MAX = 300;
/** A reminder can be set at most this far ahead. */
export const MAX_AHEAD_DAYS = 366;
/** When someone does not say when: a week, as most reminder tools default to. */
export const DEFAULT_FOLLOWUP_DAYS = 7;

export type WhenParse =
  | {
      ok: true;
      due: Date;
      about: string | null;
      /** Nothing said when: the default of a week was used. */
      defaulted: boolean;
    }
  | { ok: false; usage: UsageProblem };

// Words people put before a date ("on 2027-01-15", "by friday") and between it and the topic.
const LEAD = /^(?:\s|,|on\b|by\b|at\b|for\b)*$/i;
const TOPIC = /^(?:\s|[,:;–—-]|about\b|re\b|regarding\b|to\b)*/i;
// What starts a topic with no date before it: "/followup @li about the roadmap".
const TOPIC_ONLY = /^(?:[,:;–—-]|about\b|re\b|regarding\b)/i;

const fail = (usage: UsageProblem): WhenParse => ({ ok: false, usage });

function topic(rest: string): { ok: true; about: string | null } | { ok: false } {
  const about = rest.replace(TOPIC, '').trim();
  if ([...about].length > ABOUT_MAX) return { ok: false };
  return { ok: true, about: about === '' ? null : about };
}

/**
 * When a follow-up is due, from what the member typed after the person: "tomorrow",
 * "in 3 days", "next monday", "on 2027-01-15", "friday at 3pm", optionally followed by
 * "about …"; nothing said (or only "about …") means a week from now. A day without a time
 * means the start of the member's working day then (or the next working day); a time means
 * that time. Read in the member's own timezone, whatever the server's is.
 */
export function parseWhen(text: string, now: Date, hours: WorkingHours): WhenParse {
  const input = text.trim();
  if (input === '' || TOPIC_ONLY.test(input)) {
    const t = topic(input);
    if (!t.ok) return fail({ code: 'about_too_long', max: ABOUT_MAX });
    const day = DateTime.fromJSDate(now, { zone: hours.zone })
      .startOf('day')
      .plus({ days: DEFAULT_FOLLOWUP_DAYS });
    return {
      ok: true,
      due: nextWorkingMoment(day.toJSDate(), hours),
      about: t.about,
      defaulted: true,
    };
  }
  const read = readDate(input, now, hours.zone);
  if (!read.ok) {
    if (read.problem === 'passed') return fail({ code: 'when_passed' });
    if (read.problem === 'not_a_date') return fail({ code: 'when_not_a_date', typed: read.typed! });
    return fail({ code: 'when_unreadable', typed: input });
  }
  const { found } = read;
  if (!LEAD.test(input.slice(0, found.index)))
    return fail({ code: 'when_unreadable', typed: input });
  const today = DateTime.fromJSDate(now, { zone: hours.zone }).startOf('day');
  let due: Date;
  if (found.at) {
    due = found.at.toJSDate();
    if (due.getTime() <= now.getTime()) return fail({ code: 'when_time_passed' });
  } else {
    if (found.day < today) return fail({ code: 'when_passed' });
    // "Today" after hours: the start of the next working day.
    due = nextWorkingMoment(
      found.day.toMillis() > now.getTime() ? found.day.toJSDate() : now,
      hours,
    );
  }
  if (due.getTime() - now.getTime() > MAX_AHEAD_DAYS * 24 * 60 * 60 * 1000)
    return fail({ code: 'when_too_far' });
  const t = topic(input.slice(found.index + found.text.length));
  if (!t.ok) return fail({ code: 'about_too_long', max: ABOUT_MAX });
  return { ok: true, due, about: t.about, defaulted: false };
}
