import { plainText } from '../../src/core/conversation/text';
import { parsePause } from '../../src/core/domain/pause';
import { FALLBACK_EXAMPLES } from '../../src/core/messages/common';
import { membershipReply, pauseReply } from '../../src/core/messages/rounds';
import { usageText } from '../../src/core/messages/usage';

// Monday 23 November 2026, 15:00 in Berlin.
const NOW = new Date('2026-11-23T14:00:00Z');
const BERLIN = 'Europe/Berlin';

describe(`pausing (process TZ ${process.env.TZ ?? 'unset'})`, () => {
  it.each([
    ['2w', '2026-12-06T23:00:00.000Z'],
    ['2 weeks', '2026-12-06T23:00:00.000Z'],
    ['10 days', '2026-12-02T23:00:00.000Z'],
    ['for 3d', '2026-11-25T23:00:00.000Z'],
    ['1 month', '2026-12-22T23:00:00.000Z'],
    ['until 2027-01-15', '2027-01-15T23:00:00.000Z'],
    ['2027-01-15', '2027-01-15T23:00:00.000Z'],
    ['until jan 15', '2027-01-15T23:00:00.000Z'],
    ['until friday', '2026-11-27T23:00:00.000Z'],
    ['UNTIL 2026-11-23', '2026-11-23T23:00:00.000Z'],
  ])('"%s" ends at the start of a day in the person’s zone: %s', (text, until) => {
    const result = parsePause(text, NOW, BERLIN);
    expect(result).toEqual({
      ok: true,
      until: new Date(until),
      lastDay: new Date(new Date(until).getTime() - 24 * 3600_000),
    });
  });

  it.each([
    ['', 'For how long?'],
    ['0d', 'For how long?'],
    ['forever', 'I couldn\'t read "forever"'],
    ['2 fortnights', 'I couldn\'t read "2 fortnights"'],
    ['until 2026-11-22', 'That date has passed.'],
    ['until last friday', 'That date has passed.'],
    ['2026-02-30', 'I couldn\'t read "2026-02-30"'],
    ['400 days', 'A pause can last up to a year.'],
  ])('"%s" is refused with an example', (text, says) => {
    const result = parsePause(text, NOW, BERLIN);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const words = plainText(usageText(result.usage, FALLBACK_EXAMPLES));
      expect(words).toContain(says);
      expect(words).toContain('/rapport pause 2w');
    }
  });
});

describe('what a paused member is told', () => {
  // Auckland's midnight on 17 December is still the 16th in UTC.
  const until = new Date('2026-12-16T11:00:00Z');
  const auckland = 'Pacific/Auckland';

  it('names the day typed, and when the pause ends, in the member’s own calendar', () => {
    const result = parsePause('until 2026-12-16', new Date('2026-12-01T00:00:00Z'), auckland);
    expect(result.ok && plainText(pauseReply(result.lastDay, auckland))).toBe(
      'Paused: no intros, check-ins or reminders through Wednesday 16 December 2026. It ends by itself; /rapport resume ends it sooner.',
    );
    const joined = membershipReply(
      'join',
      {
        ok: true,
        channels: [{ channelId: 'coffee', changed: true }],
        pausedUntil: until,
        zone: auckland,
      },
      FALLBACK_EXAMPLES,
    );
    expect(plainText(joined)).toBe(
      "You're in! You'll meet someone from another department in the next round in #coffee. You're paused through Wednesday 16 December 2026, so your first intro comes after that.",
    );
  });

  it('says what is already so instead of pretending something changed', () => {
    const again = membershipReply(
      'join',
      {
        ok: true,
        channels: [{ channelId: 'coffee', changed: false }],
        pausedUntil: null,
        zone: auckland,
      },
      FALLBACK_EXAMPLES,
    );
    expect(plainText(again)).toBe("You're already in the intro round in #coffee. Nothing changed.");
  });
});
