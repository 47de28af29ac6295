import { DEFAULT_ROUND_CHANNEL } from '../../src/core/domain/rounds';
import type { GroupReport, RoundReport } from '../../src/core/use-cases/round-admin';
import { GROUPS_PER_PAGE, roundReportMessage } from '../../src/adapters/slack/views/round-report';

/** A round of 5,000 groups (10,000 people), the 4,000th of which was not told. */
function bigRound(): RoundReport {
  const groups: GroupReport[] = Array.from({ length: 5000 }, (_v, i) => ({
    position: i,
    members: [`U${String(2 * i).padStart(10, '0')}`, `U${String(2 * i + 1).padStart(10, '0')}`],
    intro: i === 3999 ? 'dead' : 'sent',
    reason: i === 3999 ? 'channel_not_found' : null,
    leftOut: [],
    checkin: 'sent',
    outcome: i % 3 === 1 ? 'met' : null,
    answers: i % 3 === 1 ? 1 : 0,
  }));
  return {
    channel: { ...DEFAULT_ROUND_CHANNEL, id: 'rc', workspaceId: 'ws', channelId: 'CCOFFEE' },
    round: {
      id: 'r',
      slot: new Date('2026-11-30T10:00:00Z'),
      absences: Array.from({ length: 300 }, (_v, i) => ({ userId: `UAWAY${i}`, reason: 'paused' })),
    },
    groups,
    totals: {
      people: 10_000,
      groups: 5000,
      told: 4999,
      notTold: 1,
      met: 1667,
      notYet: 0,
      skipped: 0,
      noAnswer: 3333,
    },
  };
}

type Block = { type: string; text?: { text: string }; elements?: Array<{ text: string }> };
const textOf = (b: Block) => b.text?.text ?? b.elements?.map((e) => e.text).join(' ') ?? '';

describe('the round record on Slack', () => {
  const report = bigRound();

  it('fits Slack’s limits on every page of a 5,000-group round, groups not told first', () => {
    const pages = Math.ceil(5000 / GROUPS_PER_PAGE);
    const seen = new Set<string>();
    for (let page = 1; page <= pages; page += 1) {
      const { blocks } = roundReportMessage(report, page) as { blocks: Block[] };
      expect(blocks.length).toBeLessThanOrEqual(50);
      for (const b of blocks) expect(textOf(b).length).toBeLessThanOrEqual(3000);
      const text = blocks.map(textOf).join('\n');
      for (const [, n] of text.matchAll(/^(\d+)\. /gm)) seen.add(n!);
      if (page === 1) {
        expect(textOf(blocks[0]!)).toContain(
          '10000 people in 5000 groups. Told: 4999, not told: 1.',
        );
        expect(textOf(blocks[1]!).split('\n')[0]).toBe(
          '4000. <@U0000007998>, <@U0000007999>: could not be told (channel_not_found); no answer yet',
        );
        expect(text).toContain('*Not in a group:* 300 paused');
        expect(text).toContain('…and 260 more.');
        expect(text).toContain('page 1 of 84. Next: /rapport round <#CCOFFEE> 2');
      }
    }
    // Every group appears on exactly one page.
    expect(seen.size).toBe(5000);
    const last = roundReportMessage(report, 999) as { blocks: Block[] };
    expect(last.blocks.map(textOf).join('\n')).toContain('page 84 of 84.');
  });
});
