import { mrkdwn, renderCard } from '../../src/adapters/slack/render';
import { LIMITS } from '../../src/adapters/slack/render/blocks';
import { MESSAGE_BLOCKS } from '../../src/adapters/slack/render/card';
import { DEFAULT_ROUND_CHANNEL } from '../../src/core/domain/rounds';
import { GROUPS_PER_PAGE, roundReportCard } from '../../src/core/messages/admin-reports';
import { moreLeftOut } from '../../src/core/messages/limits';
import type { GroupReport, RoundReport } from '../../src/core/use-cases/round-admin';

const id = (n: number) => `U${String(n).padStart(10, '0')}`;

/** A round of 5,000 groups (10,000 people), the 4,000th of which was not told. */
function bigRound(): RoundReport {
  const groups: GroupReport[] = Array.from({ length: 5000 }, (_v, i) => ({
    position: i,
    members: [id(2 * i), id(2 * i + 1)],
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
      departmentPairs: 40,
      departmentPairsBound: 45,
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

/** Everyone's name, as the directory would give them. */
const names = new Map(
  Array.from({ length: 10_000 }, (_v, i) => [id(i), `Person ${i}`] as [string, string]),
);

type Block = { type: string; text?: { text: string }; elements?: Array<{ text: string }> };
const textOf = (b: Block) => b.text?.text ?? b.elements?.map((e) => e.text).join(' ') ?? '';

/** A page of the record as Slack would receive it. */
const page = (report: RoundReport, n: number) =>
  renderCard(roundReportCard(report, n, names, 'Europe/London')) as {
    text: string;
    blocks: Block[];
  };

describe('the round record on Slack', () => {
  const report = bigRound();
  const pages = Math.ceil(5000 / GROUPS_PER_PAGE);

  it('fits Slack’s limits on every page of a 5,000-group round, groups not told first', () => {
    expect(pages).toBeGreaterThan(1);
    const seen = new Map<string, number>();
    for (let n = 1; n <= pages; n += 1) {
      const { text, blocks } = page(report, n);
      expect(text).toBe('Latest round');
      expect(blocks.length).toBeLessThanOrEqual(MESSAGE_BLOCKS);
      for (const b of blocks) {
        expect(textOf(b).length).toBeLessThanOrEqual(LIMITS.sectionText);
        // Nothing was left out to fit: each page is whole.
        expect(textOf(b)).not.toBe(mrkdwn(moreLeftOut()));
      }
      const shown = blocks.map(textOf).join('\n');
      for (const [, g] of shown.matchAll(/^(\d+)\. /gm)) seen.set(g!, (seen.get(g!) ?? 0) + 1);
      if (n === 1) {
        expect(textOf(blocks[0]!)).toContain(
          '10000 people in 5000 groups. Told: 4999, not told: 1.',
        );
        expect(textOf(blocks[0]!)).toContain('\nDepartment pairs linked: 40 of a possible 45.');
        expect(textOf(blocks[1]!).split('\n')[0]).toBe(
          '4000. <@U0000007998>, <@U0000007999>: could not be told (channel_not_found); no answer yet',
        );
        expect(shown).toContain('*Not in a group:* 300 paused');
        expect(shown).toContain('…and 260 more.');
        expect(shown).toContain(`page 1 of ${pages}. Next: \`/rapport round\` <#CCOFFEE> \`2\``);
      }
    }
    // Every group appears on exactly one page.
    expect(seen.size).toBe(5000);
    expect([...seen.values()].every((times) => times === 1)).toBe(true);
    const last = page(report, 999);
    expect(last.blocks.map(textOf).join('\n')).toContain(`page ${pages} of ${pages}.`);
    expect(last.blocks.map(textOf).join('\n')).not.toContain('Next:');
  });

  it('splits a paragraph too long for one section rather than have the page refused', () => {
    // Twenty groups with long reasons make a paragraph longer than a section may be.
    const reason = `channel_not_found ${'x'.repeat(200)}`;
    const failing: RoundReport = {
      ...report,
      groups: report.groups.map((g) => ({ ...g, intro: 'dead', reason })),
    };
    const { blocks } = renderCard(roundReportCard(failing, 1, names, 'Europe/London')) as {
      blocks: Block[];
    };
    expect(blocks.length).toBeLessThanOrEqual(MESSAGE_BLOCKS);
    for (const b of blocks) expect(textOf(b).length).toBeLessThanOrEqual(LIMITS.sectionText);
    const lines =
      blocks
        .map(textOf)
        .join('\n')
        .match(/^\d+\. .*could not be told/gm) ?? [];
    expect(lines).toHaveLength(GROUPS_PER_PAGE);
    // More sections than the core's paragraphs: the renderer split them.
    expect(blocks.filter((b) => b.type === 'section').length).toBeGreaterThan(
      GROUPS_PER_PAGE / 20 + 2,
    );
  });
});
