import { checkRoundChannel, type RoundChannelInput } from '../../src/core/domain/rounds';

const good: RoundChannelInput = {
  channelId: 'CCOFFEE',
  enabled: true,
  everyWeeks: '1',
  weekday: '1',
  hour: '10',
  timezone: 'Europe/London',
  groupSize: '2',
  repeatWindowDays: '180',
  participation: 'opt_in',
  leftover: 'join',
  checkinAfterDays: '3',
};

describe('a round channel’s settings', () => {
  it('accepts good settings and keeps them as numbers', () => {
    expect(checkRoundChannel(good)).toEqual({
      ok: true,
      settings: {
        channelId: 'CCOFFEE',
        enabled: true,
        everyWeeks: 1,
        weekday: 1,
        hour: 10,
        timezone: 'Europe/London',
        groupSize: 2,
        repeatWindowDays: 180,
        participation: 'opt_in',
        leftover: 'join',
        checkinAfterDays: 3,
      },
    });
    expect(checkRoundChannel({ ...good, timezone: ' ' })).toMatchObject({
      ok: true,
      settings: { timezone: null },
    });
  });

  it.each<[Partial<RoundChannelInput>, string, string]>([
    [{ channelId: null }, 'channelId', 'Choose the channel whose members meet.'],
    [{ everyWeeks: '3' }, 'everyWeeks', 'Every 1, 2 or 4 weeks.'],
    [{ weekday: '8' }, 'weekday', 'Choose a day of the week.'],
    [{ hour: '24' }, 'hour', 'Choose an hour from 0 to 23.'],
    [{ hour: '9.5' }, 'hour', 'Choose an hour from 0 to 23.'],
    [
      { timezone: 'Mars/Olympus' },
      'timezone',
      'Mars/Olympus is not a timezone. Use a name such as Europe/Berlin.',
    ],
    [{ groupSize: '1' }, 'groupSize', 'Groups of 2 to 8 people.'],
    [{ groupSize: '9' }, 'groupSize', 'Groups of 2 to 8 people.'],
    [{ repeatWindowDays: '-1' }, 'repeatWindowDays', 'A number of days from 0 to 730.'],
    [{ repeatWindowDays: '' }, 'repeatWindowDays', 'A number of days from 0 to 730.'],
    [{ participation: 'everyone' }, 'participation', 'Choose who takes part.'],
    [{ leftover: 'drop' }, 'leftover', 'Choose what happens to an odd person out.'],
    [
      { checkinAfterDays: '0' },
      'checkinAfterDays',
      'A number of days from 1 to 6, so that it comes before the next round.',
    ],
    [
      { checkinAfterDays: '7' },
      'checkinAfterDays',
      'A number of days from 1 to 6, so that it comes before the next round.',
    ],
    [
      { everyWeeks: '2', checkinAfterDays: '14' },
      'checkinAfterDays',
      'A number of days from 1 to 13, so that it comes before the next round.',
    ],
    [
      { everyWeeks: '4', checkinAfterDays: '15' },
      'checkinAfterDays',
      'A number of days from 1 to 14, so that it comes before the next round.',
    ],
  ])('refuses %j with a message on that field', (change, field, message) => {
    expect(checkRoundChannel({ ...good, ...change })).toEqual({
      ok: false,
      errors: { [field]: message },
    });
  });

  it('lets a fortnightly round check in after ten days', () => {
    expect(checkRoundChannel({ ...good, everyWeeks: '2', checkinAfterDays: '10' }).ok).toBe(true);
  });
});
