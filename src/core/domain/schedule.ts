import { DateTime } from 'luxon';

/** How often a weekly habit happens. */
export const FREQUENCIES = [1, 2, 4] as const;
export type EveryWeeks = (typeof FREQUENCIES)[number];

export interface WeeklySchedule {
  /** ISO weekday: 1 is Monday, 7 is Sunday. */
  weekday: number;
  hour: number;
  /** Every 1, 2 or 4 weeks, counted from the week of 2024-01-01 so every replica agrees. */
  everyWeeks: EveryWeeks;
  /** The IANA zone the day and hour are read in. */
  zone: string;
}

const EPOCH_MONDAY = DateTime.fromISO('2024-01-01', { zone: 'UTC' });

function weekIndex(localMonday: DateTime): number {
  const monday = DateTime.fromObject(
    { year: localMonday.year, month: localMonday.month, day: localMonday.day },
    { zone: 'UTC' },
  );
  return Math.round(monday.diff(EPOCH_MONDAY, 'days').days / 7);
}

/**
 * The instant of the scheduled hour in a given local week. An hour that a spring-forward day
 * skips (02:00 in New York) becomes the first hour after the gap; an hour that a fall-back day
 * repeats counts once, at its second occurrence. Either way the week has exactly one slot.
 */
function slotInWeek(localMonday: DateTime, schedule: WeeklySchedule): DateTime {
  const day = localMonday.plus({ days: schedule.weekday - 1 });
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: schedule.hour },
    { zone: schedule.zone },
  );
}

/** The latest scheduled instant at or before `now`. */
export function latestWeeklySlot(now: Date, schedule: WeeklySchedule): Date {
  const local = DateTime.fromJSDate(now, { zone: schedule.zone });
  let monday = local.startOf('week');
  for (let i = 0; i < 3 * FREQUENCIES.at(-1)!; i += 1) {
    const slot = slotInWeek(monday, schedule);
    const onCycle = weekIndex(monday) % schedule.everyWeeks === 0;
    if (onCycle && slot.toMillis() <= now.getTime()) return slot.toJSDate();
    monday = monday.minus({ weeks: 1 });
  }
  throw new Error('no weekly slot found');
}

/** The latest instant at or before `now` that is `hour`:00 in `zone`, on any day. */
export function latestDailySlot(now: Date, hour: number, zone: string): Date {
  const local = DateTime.fromJSDate(now, { zone });
  for (let back = 0; back < 3; back += 1) {
    const day = local.minus({ days: back });
    const slot = DateTime.fromObject(
      { year: day.year, month: day.month, day: day.day, hour },
      { zone },
    );
    if (slot.toMillis() <= now.getTime()) return slot.toJSDate();
  }
  throw new Error('no daily slot found');
}

export interface WorkingHours {
  zone: string;
  /** Minutes after local midnight. */
  startMinute: number;
  endMinute: number;
  /** ISO weekdays. */
  days: number[];
}

export const DEFAULT_WORKING_HOURS = {
  startMinute: 9 * 60,
  endMinute: 17 * 60,
  days: [1, 2, 3, 4, 5],
};

// Wall-clock minutes, not elapsed ones: 09:00 stays 09:00 on a daylight-saving day.
function atMinute(day: DateTime, minute: number): DateTime {
  if (minute >= 24 * 60) return day.plus({ days: 1 }).startOf('day');
  return day.set({ hour: Math.floor(minute / 60), minute: minute % 60 });
}

/**
 * When a message to this person may go out: now if it is within their working hours, else the
 * start of their next working day, in their own timezone. Someone with no working days set is
 * treated as working every day.
 */
export function nextWorkingMoment(now: Date, hours: WorkingHours): Date {
  const days = hours.days.length > 0 ? hours.days : [1, 2, 3, 4, 5, 6, 7];
  const local = DateTime.fromJSDate(now, { zone: hours.zone });
  for (let ahead = 0; ahead <= 7; ahead += 1) {
    const day = local.plus({ days: ahead }).startOf('day');
    if (!days.includes(day.weekday)) continue;
    const start = atMinute(day, hours.startMinute);
    const end = atMinute(day, hours.endMinute);
    if (ahead === 0 && local >= start && local < end) return now;
    if (start > local) return start.toJSDate();
  }
  return now;
}

/** A person's working hours over the coming `days`, as [start, end) instants in ms. */
function workingIntervals(from: Date, hours: WorkingHours, days: number): Array<[number, number]> {
  const workdays = hours.days.length > 0 ? hours.days : [1, 2, 3, 4, 5, 6, 7];
  const today = DateTime.fromJSDate(from, { zone: hours.zone }).startOf('day');
  const out: Array<[number, number]> = [];
  for (let d = 0; d <= days; d += 1) {
    const day = today.plus({ days: d });
    if (!workdays.includes(day.weekday)) continue;
    const end = atMinute(day, hours.endMinute).toMillis();
    if (end > from.getTime()) out.push([atMinute(day, hours.startMinute).toMillis(), end]);
  }
  return out;
}

/** Working intervals already worked out, by zone, hours and start: a round asks thousands. */
export type IntervalCache = Map<string, Array<[number, number]>>;

function cachedIntervals(from: Date, hours: WorkingHours, cache?: IntervalCache) {
  if (!cache) return workingIntervals(from, hours, 8);
  const key = `${hours.zone}|${hours.startMinute}|${hours.endMinute}|${hours.days.join()}|${from.getTime()}`;
  let found = cache.get(key);
  if (!found) {
    found = workingIntervals(from, hours, 8);
    cache.set(key, found);
  }
  return found;
}

/**
 * The first moment from `from` when everyone in the group is at work, within a week; if their
 * hours never meet, the first person's next working moment.
 */
export function sharedWorkingMoment(
  from: Date,
  people: WorkingHours[],
  cache?: IntervalCache,
): Date {
  if (people.length === 0) return from;
  const intervals = people.map((p) => cachedIntervals(from, p, cache));
  let t = from.getTime();
  // Move to the latest of everyone's next working moment until all are at work together.
  for (let round = 0; round < 64; round += 1) {
    let moved = false;
    for (const list of intervals) {
      const current = list.find(([, end]) => end > t);
      if (!current) return nextWorkingMoment(from, people[0]!);
      if (current[0] > t) {
        t = current[0];
        moved = true;
      }
    }
    if (!moved) return new Date(t);
  }
  return nextWorkingMoment(from, people[0]!);
}
