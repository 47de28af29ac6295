import type { Kysely } from 'kysely';
import { FORGOTTEN_GIVER } from '../../src/core/domain/member';
import { DEFAULT_ROUND_CHANNEL } from '../../src/core/domain/rounds';
import { createRepositories } from '../../src/persistence/repositories';
import {
  ensureWorkspace,
  setOptedOut,
  upsertMember,
} from '../../src/persistence/repositories/directory';
import type { Database } from '../../src/persistence/schema';
import { seedInteraction } from './organisation';

/** When insights are read: a Monday noon, UTC. */
export const NOW = new Date('2026-06-01T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

/**
 * A fixed organisation whose insights are counted by hand in test/persistence/insights.test.ts.
 * Counted: Engineering 7 (ada ben cai dev eli fay gus), Sales 6 (hal ivy jon kit lou max),
 * Design 4 (ned oli pia quin), Legal 3 (rex sue tom), and uma with no department: 21.
 * Not counted, each with a department and links that must not show: a bot (Engineering), vic
 * (deactivated, Sales, an admin), wes (opted out, Design), xia (a guest, Legal).
 */
const PEOPLE: ReadonlyArray<readonly [string, string | null]> = [
  ...['ada', 'ben', 'cai', 'dev', 'eli', 'fay', 'gus'].map((id) => [id, 'Engineering'] as const),
  ...['hal', 'ivy', 'jon', 'kit', 'lou', 'max'].map((id) => [id, 'Sales'] as const),
  ...['ned', 'oli', 'pia', 'quin'].map((id) => [id, 'Design'] as const),
  ...['rex', 'sue', 'tom'].map((id) => [id, 'Legal'] as const),
  ['uma', null],
];

const capital = (id: string) => id[0]!.toUpperCase() + id.slice(1);

/**
 * Relationships (strength at NOW: round 4, manual 4, followup 3, kudos 1, halved every 90 days):
 * P1 ada–hal   Eng–Sales     round NOW + kudos NOW−1h: 4.9997, 5.00 rounded: meaningful
 * P2 ben–ned   Eng–Design    round + manual 7 days ago: 7.58, meaningful
 * P3 cai–ivy   Eng–Sales     kudos 20 days ago: 0.86
 * P4 dev–oli   Eng–Design    manual 42 days ago (in 12 weeks, not in 4): 2.89
 * P5 pia–rex   Design–Legal  followup 5 days ago (two small departments): 2.89
 * P6 sue–jon   Legal–Sales   round + followup 3 days ago: 6.84, meaningful
 * P7 eli–kit   Eng–Sales     round 200 days ago only: before any period
 * P8 fay–quin  Eng–Design    round 100 days ago, kudos 14 days ago: 2.75
 * P9 kit–pia   Sales–Design  round + manual 30 days ago, kudos 10 days ago: 7.28, meaningful
 * Not across departments or not counted: ada–ben (same department), hal–uma (no department),
 * gus–vic, lou–xia, max–wes, ned–bot, and tom–ada a day after NOW.
 */
async function seedInteractions(db: Kysely<Database>, ws: string) {
  const links: Array<[string, string, Date, string]> = [
    ['ada', 'hal', NOW, 'round'],
    ['hal', 'ada', new Date(NOW.getTime() - HOUR), 'kudos'],
    ['ben', 'ned', daysAgo(7), 'round'],
    ['ned', 'ben', daysAgo(7), 'manual'],
    ['cai', 'ivy', daysAgo(20), 'kudos'],
    ['dev', 'oli', daysAgo(42), 'manual'],
    ['pia', 'rex', daysAgo(5), 'followup'],
    ['sue', 'jon', daysAgo(3), 'round'],
    ['jon', 'sue', daysAgo(3), 'followup'],
    ['eli', 'kit', daysAgo(200), 'round'],
    ['fay', 'quin', daysAgo(100), 'round'],
    ['quin', 'fay', daysAgo(14), 'kudos'],
    ['kit', 'pia', daysAgo(30), 'round'],
    ['pia', 'kit', daysAgo(30), 'manual'],
    ['kit', 'pia', daysAgo(10), 'kudos'],
    ['ada', 'ben', daysAgo(2), 'round'],
    ['hal', 'uma', daysAgo(5), 'kudos'],
    ['gus', 'vic', daysAgo(5), 'round'],
    ['lou', 'xia', daysAgo(5), 'round'],
    ['max', 'wes', daysAgo(5), 'round'],
    ['ned', 'bot', daysAgo(5), 'round'],
    ['tom', 'ada', daysAgo(-1), 'round'],
  ];
  for (const [a, b, at, source] of links) await seedInteraction(db, ws, [a, b], at, source);
}

/** Kudos, numbered as the test's comments name them; K8 is before any period. */
async function seedKudos(db: Kysely<Database>, ws: string) {
  const kudos: Array<[string, string[], string[], Date]> = [
    ['hal', ['ada'], ['teamwork'], new Date(NOW.getTime() - HOUR)], // K1
    ['cai', ['ivy', 'jon'], ['craft', 'care'], daysAgo(20)], // K2
    ['quin', ['fay'], ['care'], daysAgo(14)], // K3
    [FORGOTTEN_GIVER, ['ben'], ['teamwork'], daysAgo(10)], // K4
    ['ada', ['ben'], ['craft'], daysAgo(3)], // K5
    ['hal', ['uma'], ['teamwork'], daysAgo(5)], // K6
    ['pia', ['rex'], ['care'], daysAgo(5)], // K7
    ['ben', ['hal'], ['craft'], daysAgo(100)], // K8
    ['vic', ['kit'], ['teamwork'], daysAgo(5)], // K9
    ['ned', ['wes'], ['care'], daysAgo(6)], // K10
  ];
  const repos = createRepositories(db);
  for (const [i, [giverId, recipientIds, values, createdAt]] of kudos.entries())
    await repos.kudos.insert(ws, {
      giverId,
      recipientIds,
      values,
      message: 'thanks',
      channelId: null,
      sourceKey: `seed:K${i + 1}`,
      createdAt,
    });
}

/**
 * Rounds in #coffee two and one weeks ago, and one in #old 100 days ago (outside every period).
 * Two weeks ago: [ada hal] met, told both; [ben ned cai] no answer, told ben and ned only (cai
 * was no longer reachable); dev paused, eli odd one out.
 * A week ago (Teams style, one intro per member): [sue jon] met, sue's intro sent, jon's dead;
 * [kit pia] said not yet, their intro still pending (only the check-in went); gus skipping.
 */
async function seedRounds(db: Kysely<Database>, ws: string) {
  const repos = createRepositories(db);
  const coffee = await repos.rounds.saveChannel(ws, {
    ...DEFAULT_ROUND_CHANNEL,
    channelId: 'C-COFFEE',
  });
  const old = await repos.rounds.saveChannel(ws, { ...DEFAULT_ROUND_CHANNEL, channelId: 'C-OLD' });
  const round = async (
    channelId: string,
    slot: Date,
    groups: string[][],
    absences: Array<{ userId: string; reason: string }>,
  ) => {
    const created = await repos.rounds.createRound(ws, {
      roundChannelId: channelId,
      slot,
      checkinAt: new Date(slot.getTime() + 3 * DAY),
      createdAt: slot,
      groups,
      absences,
    });
    return created!;
  };
  const answer = async (groupId: string, userId: string, response: 'met' | 'not_yet') => {
    const at = new Date(NOW.getTime() - DAY);
    await repos.rounds.respond(ws, groupId, userId, response, at);
    await repos.rounds.setOutcome(groupId, response, at);
  };
  const delivery = (key: string, status: 'sent' | 'dead' | 'pending', memberIds: string[]) => ({
    workspace_id: ws,
    dedupe_key: key,
    target: JSON.stringify({ type: 'group', userIds: memberIds }),
    message: JSON.stringify({ kind: 'text', text: key }),
    member_ids: memberIds,
    status,
    available_at: daysAgo(14),
    next_attempt_at: daysAgo(14),
    created_at: daysAgo(14),
  });

  const first = await round(
    coffee.id,
    daysAgo(14),
    [
      ['ada', 'hal'],
      ['ben', 'ned', 'cai'],
    ],
    [
      { userId: 'dev', reason: 'paused' },
      { userId: 'eli', reason: 'odd_one_out' },
    ],
  );
  await answer(first.groupIds[0]!, 'ada', 'met');
  const second = await round(
    coffee.id,
    daysAgo(7),
    [
      ['sue', 'jon'],
      ['kit', 'pia'],
    ],
    [{ userId: 'gus', reason: 'skipping' }],
  );
  await answer(second.groupIds[0]!, 'jon', 'met');
  await answer(second.groupIds[1]!, 'kit', 'not_yet');
  const gone = await round(old.id, daysAgo(100), [['ada', 'ben']], []);
  await answer(gone.groupIds[0]!, 'ben', 'met');

  await db
    .insertInto('deliveries')
    .values([
      delivery(`round:${first.id}:intro:0`, 'sent', ['ada', 'hal']),
      delivery(`round:${first.id}:intro:1`, 'sent', ['ben', 'ned']),
      delivery(`round:${second.id}:intro:0:sue`, 'sent', ['sue']),
      delivery(`round:${second.id}:intro:0:jon`, 'dead', ['jon']),
      delivery(`round:${second.id}:intro:1`, 'pending', ['kit', 'pia']),
      delivery(`round:${second.id}:checkin:1`, 'sent', ['kit', 'pia']),
      delivery(`round:${gone.id}:intro:0`, 'sent', ['ada', 'ben']),
    ])
    .execute();
}

/** The organisation above, its interactions, kudos and rounds; returns the workspace id. */
export async function seedInsightsOrganisation(db: Kysely<Database>): Promise<string> {
  const ws = await ensureWorkspace(db, { platform: 'slack', externalId: 'T-INSIGHTS', name: 'I' });
  for (const [userId, department] of PEOPLE)
    await upsertMember(db, ws, {
      userId,
      name: capital(userId),
      department,
      isAdmin: userId === 'ada',
    });
  await upsertMember(db, ws, {
    userId: 'bot',
    name: 'Bot',
    department: 'Engineering',
    isBot: true,
  });
  await upsertMember(db, ws, {
    userId: 'vic',
    name: 'Vic',
    department: 'Sales',
    isAdmin: true,
    isDeactivated: true,
  });
  await upsertMember(db, ws, { userId: 'wes', name: 'Wes', department: 'Design' });
  await setOptedOut(db, ws, 'wes', true);
  await upsertMember(db, ws, {
    userId: 'xia',
    name: 'Xia',
    department: 'Legal',
    externalOrg: 'Acme',
  });
  await seedInteractions(db, ws);
  await seedKudos(db, ws);
  await seedRounds(db, ws);
  return ws;
}
