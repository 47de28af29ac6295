import { plainText } from '../../src/core/conversation/text';
import { DEFAULT_ROUND_CHANNEL } from '../../src/core/domain/rounds';
import { roundReportCard } from '../../src/core/messages/admin-reports';
import type { DeliveryRecord, RoundRecord } from '../../src/core/ports';
import { roundReport } from '../../src/core/use-cases/round-admin';
import { roundDeliveryKeys } from '../../src/core/use-cases/round-deliveries';

const channel = { ...DEFAULT_ROUND_CHANNEL, id: 'rc', workspaceId: 'ws', channelId: 'CCOFFEE' };
const round: RoundRecord = {
  id: 'r1',
  roundChannelId: 'rc',
  slot: new Date('2026-11-30T10:00:00Z'),
  checkinAt: new Date('2026-12-03T10:00:00Z'),
  groups: [
    {
      id: 'g0',
      position: 0,
      outcome: 'met',
      members: [
        { userId: 'a', response: 'met' },
        { userId: 'b', response: null },
      ],
    },
    {
      id: 'g1',
      position: 1,
      outcome: null,
      members: [
        { userId: 'c', response: null },
        { userId: 'd', response: null },
        { userId: 'e', response: null },
      ],
    },
    {
      id: 'g2',
      position: 2,
      outcome: null,
      members: [
        { userId: 'f', response: null },
        { userId: 'g', response: null },
      ],
    },
  ],
  absences: [{ userId: 'h', reason: 'paused' }],
  departmentPairs: 4,
  departmentPairsBound: 6,
};
const record = (
  status: DeliveryRecord['status'],
  recipients: string[],
  reason: string | null = null,
) => ({
  status,
  recipients,
  reason,
});

describe('a round’s record for admins', () => {
  it('says per group who was told, who was left out, who met, and counts it all', () => {
    const deliveries = new Map<string, DeliveryRecord>([
      ['round:r1:intro:0', record('sent', ['a', 'b'])],
      ['round:r1:checkin:0', record('sent', ['a', 'b'])],
      ['round:r1:intro:1', record('sent', ['c', 'e'])],
      ['round:r1:checkin:1', record('sent', ['c', 'e'])],
      ['round:r1:intro:2', record('skipped', ['f', 'g'], 'g is deactivated')],
      ['round:r1:checkin:2', record('skipped', ['f', 'g'], 'g is deactivated')],
    ]);
    const report = roundReport(channel, round, deliveries);
    expect(report.groups.map((g) => [g.intro, g.leftOut, g.reason, g.outcome, g.answers])).toEqual([
      ['sent', [], null, 'met', 1],
      ['sent', ['d'], null, null, 0],
      ['skipped', [], 'g is deactivated', null, 0],
    ]);
    expect(report.totals).toEqual({
      people: 7,
      groups: 3,
      told: 2,
      notTold: 1,
      met: 1,
      notYet: 0,
      skipped: 0,
      noAnswer: 1,
    });
    expect(report.round?.absences).toEqual([{ userId: 'h', reason: 'paused' }]);
  });

  it('reads a round sent to each member alone (Teams) as one message per group', () => {
    const deliveries = new Map<string, DeliveryRecord>([
      ['round:r1:intro:0:a', record('sent', ['a'])],
      ['round:r1:intro:0:b', record('sent', ['b'])],
      ['round:r1:checkin:0:a', record('sent', ['a'])],
      ['round:r1:checkin:0:b', record('sent', ['b'])],
      ['round:r1:intro:1:c', record('sent', ['c'])],
      ['round:r1:intro:1:d', record('dead', ['d'], 'd blocked the app')],
      ['round:r1:intro:1:e', record('sent', ['e'])],
      ['round:r1:intro:2:f', record('pending', ['f'])],
      ['round:r1:intro:2:g', record('skipped', ['g'], 'g is deactivated')],
    ]);
    expect(roundDeliveryKeys(round)).toContain('round:r1:checkin:1:e');
    const report = roundReport(channel, round, deliveries);
    expect(report.groups.map((g) => [g.intro, g.leftOut, g.checkin])).toEqual([
      ['sent', [], 'sent'],
      ['sent', ['d'], null],
      ['pending', [], null],
    ]);
    expect(report.totals).toMatchObject({ told: 2, notTold: 0 });
  });

  it('says how many department pairs the round linked, and nothing of it for older rounds', () => {
    const shown = (r: RoundRecord) =>
      roundReportCard(roundReport(channel, r, new Map()), 1, new Map(), 'UTC')
        .blocks.map((b) => ('text' in b && typeof b.text !== 'string' ? plainText(b.text) : ''))
        .join('\n');
    expect(shown(round)).toContain('\nDepartment pairs linked: 4 of a possible 6.');
    const older = { ...round, departmentPairs: null, departmentPairsBound: null };
    expect(roundReport(channel, older, new Map()).round).toMatchObject({ departmentPairs: null });
    expect(shown(older)).toContain('no answer: 0.');
    expect(shown(older)).not.toContain('Department pairs');
  });

  it('is empty before the first round', () => {
    const report = roundReport(channel, null, new Map());
    expect(report).toMatchObject({ round: null, groups: [], totals: { groups: 0, people: 0 } });
  });
});
