import { toMember } from '../../src/core/domain/outbound';
import {
  latestDailySlot,
  latestWeeklySlot,
  nextWorkingMoment,
  sharedWorkingMoment,
  type WeeklySchedule,
} from '../../src/core/domain/schedule';

const at = (iso: string) => new Date(iso);
const weekly = (zone: string, weekday: number, hour: number, everyWeeks: 1 | 2 | 4 = 1) =>
  ({ zone, weekday, hour, everyWeeks }) satisfies WeeklySchedule;

describe(`weekly slots (process TZ ${process.env.TZ ?? 'unset'})`, () => {
  const ny = (weekday: number, hour: number) => weekly('America/New_York', weekday, hour);

  it.each([
    // Sunday 02:00 in New York: the week before, spring-forward day (02:00 does not exist,
    // so 03:00 EDT), and the week after (02:00 EDT).
    ['2026-03-02T00:00:00Z', ny(7, 2), '2026-03-01T07:00:00.000Z'],
    ['2026-03-08T12:00:00Z', ny(7, 2), '2026-03-08T07:00:00.000Z'],
    ['2026-03-15T12:00:00Z', ny(7, 2), '2026-03-15T06:00:00.000Z'],
    // Sunday 01:00 on fall-back day happens twice; the slot is once, at 01:00 EST.
    ['2026-11-01T12:00:00Z', ny(7, 1), '2026-11-01T06:00:00.000Z'],
    ['2026-11-08T12:00:00Z', ny(7, 1), '2026-11-08T06:00:00.000Z'],
    // Half-hour zones: India all year, Adelaide with its own daylight saving.
    ['2026-11-27T12:00:00Z', weekly('Asia/Kolkata', 5, 15), '2026-11-27T09:30:00.000Z'],
    ['2026-11-27T09:29:59Z', weekly('Asia/Kolkata', 5, 15), '2026-11-20T09:30:00.000Z'],
    ['2026-11-28T00:00:00Z', weekly('Australia/Adelaide', 5, 15), '2026-11-27T04:30:00.000Z'],
    ['2026-06-27T00:00:00Z', weekly('Australia/Adelaide', 5, 15), '2026-06-26T05:30:00.000Z'],
  ])('at %s the latest slot of %o is %s', (now, schedule, expected) => {
    expect(latestWeeklySlot(at(now), schedule).toISOString()).toBe(expected);
  });

  it('is the slot itself at the very moment, and the week before a moment earlier', () => {
    const schedule = weekly('Europe/Berlin', 5, 15);
    expect(latestWeeklySlot(at('2026-11-27T14:00:00Z'), schedule).toISOString()).toBe(
      '2026-11-27T14:00:00.000Z',
    );
    expect(latestWeeklySlot(at('2026-11-27T13:59:59Z'), schedule).toISOString()).toBe(
      '2026-11-20T14:00:00.000Z',
    );
  });

  it('every 2 and 4 weeks: slots that far apart, the same on every replica', () => {
    for (const every of [2, 4] as const) {
      const schedule = weekly('UTC', 1, 10, every);
      const slots = new Set<string>();
      for (let day = 0; day < 7 * 16; day += 1) {
        const now = new Date(Date.UTC(2026, 0, 1 + day, 12));
        slots.add(latestWeeklySlot(now, schedule).toISOString());
      }
      const sorted = [...slots].sort();
      for (let i = 1; i < sorted.length; i += 1)
        expect(Date.parse(sorted[i]!) - Date.parse(sorted[i - 1]!)).toBe(every * 7 * 86_400_000);
      expect(sorted.length).toBeGreaterThanOrEqual(Math.floor(16 / every));
    }
  });

  it('daily slots keep their local hour across daylight saving', () => {
    expect(latestDailySlot(at('2026-03-08T12:00:00Z'), 4, 'America/New_York').toISOString()).toBe(
      '2026-03-08T08:00:00.000Z',
    );
    expect(latestDailySlot(at('2026-03-09T12:00:00Z'), 4, 'America/New_York').toISOString()).toBe(
      '2026-03-09T08:00:00.000Z',
    );
  });
});

describe('working hours', () => {
  const berlin = {
    zone: 'Europe/Berlin',
    startMinute: 9 * 60,
    endMinute: 17 * 60,
    days: [1, 2, 3, 4, 5],
  };

  it.each([
    ['within hours: now', '2026-11-25T10:00:00Z', '2026-11-25T10:00:00.000Z'],
    ['before the day starts: at 09:00 local', '2026-11-25T06:00:00Z', '2026-11-25T08:00:00.000Z'],
    ['in the evening: 09:00 the next day', '2026-11-25T17:30:00Z', '2026-11-26T08:00:00.000Z'],
    ['on Friday evening: Monday 09:00', '2026-11-27T18:00:00Z', '2026-11-30T08:00:00.000Z'],
    ['on Saturday: Monday 09:00', '2026-11-28T12:00:00Z', '2026-11-30T08:00:00.000Z'],
    // Berlin springs forward on Sunday 2027-03-28: Monday 09:00 is 07:00Z from then on.
    ['across the change: 09:00 local', '2027-03-27T12:00:00Z', '2027-03-29T07:00:00.000Z'],
  ])('%s', (_name, now, expected) => {
    expect(nextWorkingMoment(at(now), berlin).toISOString()).toBe(expected);
  });

  it('follows a person’s own days and hours', () => {
    const weekendShift = {
      zone: 'Asia/Kolkata',
      startMinute: 14 * 60,
      endMinute: 22 * 60,
      days: [6, 7],
    };
    expect(nextWorkingMoment(at('2026-11-25T10:00:00Z'), weekendShift).toISOString()).toBe(
      '2026-11-28T08:30:00.000Z',
    );
  });
});

describe('a message to one person', () => {
  it('is held until their working day starts, in their zone', () => {
    const priya = {
      userId: 'priya',
      timezone: 'Asia/Kolkata',
      workingHours: { startMinute: 10 * 60, endMinute: 18 * 60, days: [1, 2, 3, 4, 5] },
    };
    // 22:30 on a Thursday in India.
    const held = toMember(priya, 'k', { kind: 'text', text: 'hi' }, at('2026-11-26T17:00:00Z'));
    expect(held).toEqual({
      dedupeKey: 'k',
      target: { type: 'member', userId: 'priya' },
      message: { kind: 'text', text: 'hi' },
      availableAt: at('2026-11-27T04:30:00.000Z'),
    });
  });
});

describe('a moment the whole group is at work', () => {
  const hours = (zone: string, start = 9, end = 17) => ({
    zone,
    startMinute: start * 60,
    endMinute: end * 60,
    days: [1, 2, 3, 4, 5],
  });

  it('is the first moment everyone is in, across zones and a weekend', () => {
    // Friday 18:00 in London: nobody in Berlin or London works again until Monday.
    expect(
      sharedWorkingMoment(at('2026-11-27T18:00:00Z'), [
        hours('Europe/London'),
        hours('Europe/Berlin'),
      ]).toISOString(),
    ).toBe('2026-11-30T09:00:00.000Z');
    // London and New York overlap from 09:00 in New York.
    expect(
      sharedWorkingMoment(at('2026-11-25T08:00:00Z'), [
        hours('Europe/London'),
        hours('America/New_York'),
      ]).toISOString(),
    ).toBe('2026-11-25T14:00:00.000Z');
  });

  it('is now when everyone is at work, and the first person’s day when hours never meet', () => {
    const now = at('2026-11-25T10:00:00Z');
    expect(sharedWorkingMoment(now, [hours('Europe/London'), hours('Europe/Paris')])).toEqual(now);
    expect(
      sharedWorkingMoment(at('2026-11-25T20:00:00Z'), [
        hours('Asia/Tokyo', 9, 12),
        hours('America/Los_Angeles', 9, 12),
      ]).toISOString(),
    ).toBe('2026-11-26T00:00:00.000Z');
  });
});
