import type { CommandInput } from '../../src/core/conversation/commands';
import { parseCommand } from '../../src/core/conversation/grammar';
import { closestSubcommand } from '../../src/core/messages/help';

/** A command typed with @handles and #channels, resolved as a platform would. */
function typed(name: string, text: string, people = ['li', 'sam', 'jo', 'ben']): CommandInput {
  const mentions = [...text.matchAll(/@([a-z]+)/g)]
    .filter((m) => people.includes(m[1]!))
    .map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
      userId: m[1]!,
      kind: 'person' as const,
    }));
  const channels = [...text.matchAll(/#([a-z]+)/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    channelId: m[1]!,
  }));
  return { name, text, mentions, channels };
}

describe('the command grammar', () => {
  it('splits leading mentions from a kudos message and keeps inner ones in place', () => {
    const c = parseCommand(typed('kudos', '@li, @sam and @jo: thanks for pairing with @ben today'));
    expect(c).toEqual({
      kind: 'kudos',
      recipientIds: ['li', 'sam', 'jo', 'ben'],
      groupMentions: [],
      message: 'thanks for pairing with @ben today',
      inlineMentions: [{ start: 24, end: 28, userId: 'ben' }],
    });
  });

  it('does not swallow punctuation after a handle', () => {
    expect(parseCommand(typed('/kudos', 'thanks @li.'))).toMatchObject({
      recipientIds: ['li'],
      message: 'thanks @li.',
    });
  });

  it.each(['@here', '@channel', '@everyone'])('reads %s as the room, never a person', (room) => {
    expect(parseCommand(typed('kudos', `${room} thanks`))).toMatchObject({
      recipientIds: [],
      groupMentions: [room],
    });
  });

  it('notices a name nobody is known by where a recipient goes', () => {
    expect(parseCommand(typed('kudos', '@nia thanks'))).toMatchObject({
      recipientIds: [],
      unresolved: '@nia',
    });
  });

  it('opens the form for /kudos alone', () => {
    expect(parseCommand(typed('kudos', '  '))).toEqual({ kind: 'kudos_form' });
  });

  it.each<[string, string, unknown]>([
    ['followup', 'list', { kind: 'followup_list' }],
    ['followup', 'cancel 2', { kind: 'followup_cancel', n: 2 }],
    ['followup', 'cancel', { kind: 'followup_cancel', n: null }],
    ['rapport', '', { kind: 'help' }],
    ['rapport', 'HELP', { kind: 'help' }],
    ['rapport', 'settings', { kind: 'settings' }],
    ['rapport', 'join #coffee', { kind: 'join', channelId: 'coffee' }],
    ['rapport', 'skip', { kind: 'skip', channelId: null }],
    ['rapport', 'round #coffee 3', { kind: 'round', channelId: 'coffee', page: 3 }],
    ['rapport', 'pause until jan 15', { kind: 'pause', typed: 'until jan 15' }],
    ['rapport', 'nudges', { kind: 'nudges', wanted: null }],
    ['rapport', 'nudges off', { kind: 'nudges', wanted: { enabled: false } }],
    [
      'rapport',
      'nudges every 4 weeks',
      { kind: 'nudges', wanted: { enabled: true, cadenceDays: 28 } },
    ],
    ['rapport', 'nudges every week', { kind: 'nudges', wanted: { enabled: true, cadenceDays: 7 } }],
    ['rapport', 'nudges every 2 days', { kind: 'invalid', usage: { code: 'nudges_range' } }],
    [
      'rapport',
      'nudges sometimes',
      { kind: 'invalid', usage: { code: 'nudges_unreadable', typed: 'sometimes' } },
    ],
    ['rapport', 'suggestions', { kind: 'suggestions', on: null }],
    ['rapport', 'suggestions maybe', { kind: 'invalid', usage: { code: 'suggestions_what' } }],
    ['rapport', 'mentor @li off', { kind: 'mentor', role: 'mentor', userIds: ['li'], end: true }],
    ['rapport', 'met @li @sam', { kind: 'met', userIds: ['li', 'sam'] }],
    ['rapport', 'frobnicate now', { kind: 'unknown_subcommand', typed: 'frobnicate' }],
    ['hello', 'there', { kind: 'unknown_command', name: 'hello' }],
  ])('/%s %s', (name, text, command) => {
    expect(parseCommand(typed(name, text))).toEqual(command);
  });

  it('takes a follow-up with its mention cut out of when and what about', () => {
    expect(parseCommand(typed('followup', '@li in 3 weeks about the budget'))).toEqual({
      kind: 'followup',
      mentions: [{ start: 0, end: 3, userId: 'li', kind: 'person' }],
      when: ' in 3 weeks about the budget',
    });
  });

  it.each([
    ['sugest', 'suggest'],
    ['setings', 'settings'],
    ['mee', 'me'],
    ['jion', 'join'],
    ['depart', 'department'],
    ['frobnicate', null],
  ])('guesses "%s" means %s', (typedSub, meant) => {
    expect(closestSubcommand(typedSub)).toBe(meant);
  });
});
