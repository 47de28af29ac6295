import { GROUP_REACH, toGroup } from '../../src/core/domain/outbound';

const at = new Date('2026-11-30T10:00:00Z');
const intro = {
  dedupeKey: 'intro:i1:open',
  target: { type: 'group' as const, userIds: ['a', 'b'] },
  message: {
    kind: 'intro_opened' as const,
    members: [
      { userId: 'a', name: 'Ada', department: null, title: null },
      { userId: 'b', name: 'Bo', department: null, title: null },
    ],
    mutualId: null,
  },
  availableAt: at,
};

describe('a message for a group, as each platform can deliver it', () => {
  it('goes to one group conversation where the bot can open one', () => {
    expect(GROUP_REACH.slack).toBe('conversation');
    expect(toGroup('conversation', intro)).toEqual([intro]);
  });

  it('goes to each member alone on Teams, each with their own key and an offer to start the chat', () => {
    expect(GROUP_REACH.teams).toBe('each');
    const each = toGroup('each', intro);
    expect(each.map((d) => [d.dedupeKey, d.target])).toEqual([
      ['intro:i1:open:a', { type: 'member', userId: 'a' }],
      ['intro:i1:open:b', { type: 'member', userId: 'b' }],
    ]);
    expect(each.every((d) => d.message.kind === 'intro_opened' && d.message.toEach)).toBe(true);
  });
});
