import { plainText } from '../../src/core/conversation/text';
import { parseWhen } from '../../src/core/domain/followup';
import { usageText } from '../../src/core/messages/usage';

// Monday 23 November 2026, 14:00 UTC: 06:00 in Los Angeles, 23:00 in Tokyo.
const NOW = new Date('2026-11-23T14:00:00Z');
const hours = (zone: string) => ({
  zone,
  startMinute: 9 * 60,
  endMinute: 17 * 60,
  days: [1, 2, 3, 4, 5],
});

// [typed, due in Los Angeles (UTC−8), due in Tokyo (UTC+9), about]
const GOOD: Array<[string, string, string, string | null]> = [
  ['tomorrow', '2026-11-24T17:00Z', '2026-11-24T00:00Z', null],
  ['in 3 days', '2026-11-26T17:00Z', '2026-11-26T00:00Z', null],
  ['in 2 weeks', '2026-12-07T17:00Z', '2026-12-07T00:00Z', null],
  ['in three weeks', '2026-12-14T17:00Z', '2026-12-14T00:00Z', null],
  ['in a month', '2026-12-23T17:00Z', '2026-12-23T00:00Z', null],
  ['next monday', '2026-11-30T17:00Z', '2026-11-30T00:00Z', null],
  ['next week', '2026-11-30T17:00Z', '2026-11-30T00:00Z', null],
  ['friday', '2026-11-27T17:00Z', '2026-11-27T00:00Z', null],
  ['by Friday', '2026-11-27T17:00Z', '2026-11-27T00:00Z', null],
  ['the day after tomorrow', '2026-11-25T17:00Z', '2026-11-25T00:00Z', null],
  ['on 2027-01-15', '2027-01-15T17:00Z', '2027-01-15T00:00Z', null],
  ['2027-01-15', '2027-01-15T17:00Z', '2027-01-15T00:00Z', null],
  // A Saturday: the start of the next working day.
  ['on 2027-01-16', '2027-01-18T17:00Z', '2027-01-18T00:00Z', null],
  ['jan 15', '2027-01-15T17:00Z', '2027-01-15T00:00Z', null],
  ['15 January 2027', '2027-01-15T17:00Z', '2027-01-15T00:00Z', null],
  ['dec 1st', '2026-12-01T17:00Z', '2026-12-01T00:00Z', null],
  // Today: still ahead in Los Angeles; over in Tokyo, so the next working morning.
  ['today', '2026-11-23T17:00Z', '2026-11-24T00:00Z', null],
  // A time of day is kept, in the member's zone.
  ['tomorrow at 3pm', '2026-11-24T23:00Z', '2026-11-24T06:00Z', null],
  ['friday at 9:30', '2026-11-27T17:30Z', '2026-11-27T00:30Z', null],
  ['at noon tomorrow', '2026-11-24T20:00Z', '2026-11-24T03:00Z', null],
  ['in 2 hours', '2026-11-23T16:00Z', '2026-11-23T16:00Z', null],
  [
    'tomorrow about the budget review',
    '2026-11-24T17:00Z',
    '2026-11-24T00:00Z',
    'the budget review',
  ],
  ['Tomorrow: the budget review', '2026-11-24T17:00Z', '2026-11-24T00:00Z', 'the budget review'],
  ['in 3 weeks re: hiring plan', '2026-12-14T17:00Z', '2026-12-14T00:00Z', 'hiring plan'],
  ['next tuesday - Q1 roadmap', '2026-12-01T17:00Z', '2026-12-01T00:00Z', 'Q1 roadmap'],
  ['dec 1st about onboarding 🚀', '2026-12-01T17:00Z', '2026-12-01T00:00Z', 'onboarding 🚀'],
  ['on 2027-01-15 regarding the offsite', '2027-01-15T17:00Z', '2027-01-15T00:00Z', 'the offsite'],
];

// [typed, what the answer starts with]
const BAD: Array<[string, string]> = [
  ['someday', 'I couldn\'t tell when "someday" is.'],
  ['next blursday', 'I couldn\'t tell when "next blursday" is.'],
  ['when you can', 'I couldn\'t tell when "when you can" is.'],
  ['2026-02-30', '2026-02-30 is not a date.'],
  ['on 2026-13-01', '2026-13-01 is not a date.'],
  ['yesterday', 'That date has passed.'],
  ['last friday', 'That date has passed.'],
  ['3 days ago', 'That date has passed.'],
  ['in 2 years', 'Reminders can be set up to a year ahead.'],
  ['in 400 days', 'Reminders can be set up to a year ahead.'],
  [`tomorrow about ${'x'.repeat(301)}`, 'Please keep what it is about to 300 characters.'],
];

describe(`/followup dates (process TZ ${process.env.TZ ?? 'unset'})`, () => {
  for (const [zone, column] of [
    ['America/Los_Angeles', 1],
    ['Asia/Tokyo', 2],
  ] as const) {
    it.each(GOOD)(`in ${zone}, "%s" is due then`, (...row) => {
      const result = parseWhen(row[0], NOW, hours(zone));
      expect(result).toEqual({
        ok: true,
        due: new Date(row[column]),
        about: row[3],
        defaulted: false,
      });
    });

    it.each<[string, string | null]>([
      ['', null],
      ['   ', null],
      ['about the budget', 'the budget'],
      ['- the roadmap', 'the roadmap'],
    ])(`in ${zone}, "%s" without a date is due in a week`, (typed, about) => {
      const result = parseWhen(typed, NOW, hours(zone));
      // Monday 30 November: a week on, at the start of the working day there.
      const due = { 'America/Los_Angeles': '2026-11-30T17:00Z', 'Asia/Tokyo': '2026-11-30T00:00Z' }[
        zone
      ];
      expect(result).toEqual({ ok: true, due: new Date(due), about, defaulted: true });
    });

    it.each(BAD)(`in ${zone}, "%s" is refused with examples`, (typed, says) => {
      const result = parseWhen(typed, NOW, hours(zone));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const words = plainText(
        usageText(result.usage, { person: '@nina', other: '@li', channel: '#coffee' }),
      );
      expect(words.startsWith(says)).toBe(true);
      if (!says.startsWith('Please')) expect(words).toContain('/followup @nina in 3 weeks');
    });
  }
});
