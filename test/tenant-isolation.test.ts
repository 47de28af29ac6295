import { createLogger } from '../src/logger';
import { MEANINGFUL_STRENGTH } from '../src/core/domain/relationships';
import { STRENGTH_RULE } from '../src/core/use-cases/workspace-network';
import { saveSettings } from '../src/persistence/repositories/directory';
import { createRepositories } from '../src/persistence/repositories';
import { tick } from '../src/scheduler/coordinator';
import type { JobContext } from '../src/scheduler/job';
import { CORE_JOBS } from '../src/scheduler/jobs';
import { useCasesFor, type UseCases } from '../src/services';
import { startBothPlatforms } from './support/both-platforms';
import { movingClock } from './support/clock';
import { databaseLabel } from './support/database';
import type { FakeSlack } from './support/fake-slack';
import { seedInteraction } from './support/organisation';
import type { TeamsTestApp } from './support/teams-app';
import {
  at,
  leaks,
  markedSlackUsers,
  slackSide,
  teamsSide,
  type Side,
  type Who,
} from './support/tenant-sides';

const DAY = 86_400_000;

/** What a use case answered, as text: maps and sets spelled out. */
const asText = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) =>
    v instanceof Map ? Object.fromEntries(v) : v instanceof Set ? [...v] : v,
  );

/**
 * What the use cases answer each of a workspace's people and its admin, and what the
 * repositories' listings of the workspace hold, read directly.
 */
async function queryResults(
  uc: UseCases,
  repos: ReturnType<typeof createRepositories>,
  s: Side,
  others: Side,
): Promise<string[]> {
  const ws = s.workspaceId;
  const ever = { from: new Date(0), to: new Date('2100-01-01T00:00:00Z') };
  const theirIds = Object.values(others.ids);
  const out: unknown[] = [
    await repos.members.all(ws),
    await repos.kudos.between(ws, ever.from, ever.to),
    await repos.interactions.pairStrengths(ws, ever.to, STRENGTH_RULE),
    await repos.deliveryLog.report(ws, ever.from, 1000),
    await repos.rounds.channels(ws),
    await repos.rounds.history(ws, ever.from),
    await repos.introductions.openPairs(ws),
    await repos.suggestionSnoozes.active(ws, ever.from),
    // What the jobs claim (read here, not claimed: outside a transaction nothing stays locked).
    await repos.reminders.claimDue(ws, ever.to, 1000),
    await repos.welcomes.claimDue(ws, ever.to, 1000),
    await repos.introductions.waitingOnMutual(ws, ever.to),
    await repos.insights.departments(ws),
    await repos.insights.links(ws, ever, { ...STRENGTH_RULE, threshold: MEANINGFUL_STRENGTH }),
    await repos.insights.reach(ws, ever),
    await repos.insights.kudos(ws, ever),
    await repos.insights.rounds(ws, ever),
  ];
  for (const who of ['ana', 'li', 'sam', 'noor'] as Who[]) {
    const id = s.ids[who];
    out.push(
      await repos.kudos.recent(ws, id, 100),
      await repos.interactions.eventsOf(ws, id),
      await repos.interactions.pairStrengths(ws, ever.to, STRENGTH_RULE, id),
      await repos.interactions.lastWith(ws, id, theirIds),
      await repos.mentorships.partnersOf(ws, id),
      await repos.reminders.pendingOf(ws, id, 100),
      await repos.introductions.openFor(ws, id),

      await uc.networkSummary(ws, id),
      await uc.home(ws, id),
      await uc.mySettings(ws, id),
      await uc.exportMyData(ws, id),
      await uc.introductions.suggestNow(ws, id),
      await uc.followups.list(ws, id),
      await uc.examples(ws, id),
    );
  }
  const admin = s.ids.ana;
  out.push(
    await uc.insights.read(ws, admin, 52),
    await uc.roundAdmin.list(ws, admin),
    await uc.roundAdmin.report(ws, admin, s.roundChannel),
    await uc.deliveryReport(ws, admin),
    await uc.adminSettings(ws, admin),
    await uc.workspaceSettings(ws),
    // The other workspace's people, asked for by id here: nobody.
    await uc.names(ws, theirIds),
  );
  return out.map(asText);
}

// A week of two workspaces, each driven through every command, button and job: 16–20 s for the
// test and 25–30 s for the file on an idle 2-core machine, twice that under load. It runs where
// the slow tests run (CI's Postgres pass, RAPPORT_SLOW_TESTS=1).
const slow = process.env.RAPPORT_SLOW_TESTS ? describe : describe.skip;

/**
 * Two workspaces in one process, one on Slack and one on Teams, with the same people, the
 * same departments, kudos, follow-ups, rounds and relationships, told apart only by a marker
 * word and their ids. Everything each workspace's people can do is done, every job fires and
 * the queue is drained; then nothing either workspace's people received, downloaded or could
 * query holds anything of the other's.
 */
slow(`tenant isolation between a Slack workspace and a Teams tenant (${databaseLabel})`, () => {
  // Monday 30 November 2026, 09:00 UTC.
  const clock = movingClock('2026-11-30T09:00:00Z');
  let app: TeamsTestApp;
  let slack: FakeSlack;
  let sides: Side[];
  let ctx: JobContext;

  beforeAll(async () => {
    ({ app, slack } = await startBothPlatforms({
      clock,
      slackUsers: markedSlackUsers('SLACKONLY'),
      env: { RAPPORT_PUBLIC_URL: 'https://rapport.example.com/' },
    }));
    const slackWorkspace = await app.db
      .selectFrom('workspaces')
      .select('id')
      .where('platform', '=', 'slack')
      .executeTakeFirstOrThrow();
    sides = [
      slackSide(app, slack, slackWorkspace.id, 'SLACKONLY'),
      teamsSide(app, await app.workspaceId(), 'TEAMSONLY'),
    ];
    ctx = {
      db: app.db,
      clock,
      useCases: useCasesFor(app.database, clock),
      logger: createLogger('silent'),
      platforms: new Set(['slack', 'teams']),
      rosters: { slack: app.server.adapter('slack')!.roster!, teams: app.teams.roster! },
    };
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await slack?.close();
  });

  /** Fills a workspace: its settings, a round channel, and relationships months old. */
  async function fill(s: Side) {
    await saveSettings(app.db, s.workspaceId, {
      kudosChannelId: s.kudosChannel,
      timezone: 'UTC',
      kudosPrompt: { enabled: true, weekday: 4, hour: 10 },
      kudosDigest: { enabled: true, weekday: 4, hour: 10 },
      // Departments of two are named in insights, not merged into "small departments".
      minDepartmentSize: 2,
      // Slack keeps history 90 days, Teams the default two years: each its own.
      ...(s.platform === 'slack' && { historyDays: 90 }),
    });
    const saved = await ctx.useCases.roundAdmin.save(s.workspaceId, s.ids.ana, {
      channelId: s.roundChannel,
      enabled: true,
      everyWeeks: '1',
      weekday: '1',
      hour: '10',
      timezone: 'UTC',
      groupSize: '2',
      repeatWindowDays: '180',
      participation: 'opt_in',
      leftover: 'join',
      checkinAfterDays: '3',
    });
    expect(saved.ok).toBe(true);
    const met = (a: Who, b: Who, daysAgo: number, source: string) =>
      seedInteraction(
        app.db,
        s.workspaceId,
        [s.ids[a], s.ids[b]],
        new Date(Date.parse('2026-11-30T09:00:00Z') - daysAgo * DAY),
        source,
      );
    // Li and Sam have gone cold; Sam knows Ana well, so Li might meet her through Sam.
    await met('li', 'sam', 60, 'round');
    await met('li', 'sam', 59, 'followup');
    await met('sam', 'ana', 10, 'round');
    await met('sam', 'ana', 9, 'followup');
    await met('ana', 'li', 200, 'manual');
  }

  /** Every command, as each workspace's people type it. */
  async function drive(s: Side) {
    const { marker } = s;
    if (s.platform === 'teams') {
      await s.command('ana', 'rapport', [`department Product ${marker}`]);
      await s.command('li', 'rapport', [`department Engineering ${marker}`]);
      await s.command('sam', 'rapport', [`department Engineering ${marker}`]);
    }
    await s.command('priya', 'rapport', [`department Finance ${marker}`]);
    await s.command(
      'ana',
      'kudos',
      [at('li'), ' ', at('sam'), ` thanks for the ${marker} launch #teamwork`],
      'kudos',
    );
    await s.command('ana', 'kudos', []);
    await s.command('li', 'followup', [at('sam'), ` tomorrow about the ${marker} roadmap`]);
    await s.command('li', 'followup', [at('priya'), ` next week about ${marker} pricing`]);
    await s.command('li', 'followup', ['cancel 2']);
    await s.command('li', 'rapport', ['met ', at('priya')]);
    await s.command('li', 'rapport', ['mentor ', at('ana')]);
    for (const who of ['ana', 'li', 'sam', 'priya'] as Who[])
      await s.command(who, 'rapport', ['join'], 'rounds');
    await s.command('priya', 'rapport', ['pause 1w']);
    await s.command('priya', 'rapport', ['resume']);
    for (const words of ['nudges every 2 weeks', 'nudges', 'suggestions', 'suggestions on'])
      await s.command('sam', 'rapport', [words]);
    await s.command('li', 'rapport', ['optout']);
    await s.command('li', 'rapport', ['optin']);
    await s.command('ana', 'rapport', ['admin add ', at('li')]);
    await s.command('ana', 'rapport', ['admin remove ', at('li')]);
    for (const words of ['values', 'help', 'settings', 'admin', 'rounds', 'frobnicate'])
      await s.command('ana', 'rapport', [words]);
    await s.newcomer();
  }

  /** What each person, and the admin, looks at once the week has run. */
  async function lookAround(s: Side) {
    for (const words of ['me', 'insights', 'insights 52w', 'round', 'deliveries', 'suggest'])
      await s.command('ana', 'rapport', [words]);
    for (const who of ['ana', 'li', 'sam', 'noor'] as Who[]) {
      await s.openHome(who);
      await s.command(who, 'rapport', ['me']);
      await s.command(who, 'rapport', ['export']);
      await s.command(who, 'followup', ['list']);
    }
    await s.command('priya', 'rapport', ['forget-me']);
  }

  /** Presses every button each side's people got, and what those led to, until none is new. */
  async function pressAll() {
    for (let round = 0; round < 6; round += 1) {
      let pressed = 0;
      for (const s of sides) pressed += await s.pressEverything();
      await app.settled();
      if (pressed === 0) return;
    }
  }

  /** Moves the clock to `iso`, runs every job due then, and sends what they queued. */
  async function runJobsAt(iso: string) {
    clock.set(iso);
    const ran = await tick(ctx, CORE_JOBS, 'isolation');
    expect(ran.filter((r) => r.error)).toEqual([]);
    await app.settled();
    await pressAll();
    return ran;
  }

  it('drives both workspaces through a week, and neither hears of the other', async () => {
    for (const s of sides) await fill(s);
    // Everyone is reachable at any hour, so that nothing waits for someone's working day.
    await app.db
      .updateTable('members')
      .set({ work_start_minute: 0, work_end_minute: 1440, work_days: [1, 2, 3, 4, 5, 6, 7] })
      .execute();
    for (const s of sides) await drive(s);
    await app.settled();
    await pressAll();

    // Monday: the round. Tuesday: reminders and retention. Wednesday: keep-in-touch.
    // Thursday: check-ins, the kudos prompt and digest, welcomes.
    const jobs = [
      ...(await runJobsAt('2026-11-30T10:00:30Z')),
      ...(await runJobsAt('2026-12-01T10:00:30Z')),
      ...(await runJobsAt('2026-12-02T10:00:30Z')),
      ...(await runJobsAt('2026-12-03T10:00:30Z')),
    ];
    expect(new Set(jobs.map((j) => j.job))).toEqual(new Set(CORE_JOBS.map((j) => j.name)));
    // The jobs did their work in both workspaces: each kind of message was sent in each.
    const sent = await app.db
      .selectFrom('deliveries')
      .select(['workspace_id', 'message'])
      .where('status', '=', 'sent')
      .execute();
    for (const s of sides) {
      const kinds = new Set(
        sent
          .filter((d) => d.workspace_id === s.workspaceId)
          .map((d) => (d.message as { kind: string }).kind),
      );
      expect({ platform: s.platform, kinds: [...kinds].sort() }).toEqual({
        platform: s.platform,
        kinds: [
          'intro_mutual_request',
          'intro_opened',
          'intro_request',
          'kudos_digest',
          'kudos_prompt',
          'kudos_received',
          'mentorship_declared',
          'round_checkin',
          'round_intro',
          'round_summary',
          'weekly_network',
          'welcome',
          'followup_reminder',
        ].sort(),
      });
    }

    // The repositories are read mid-week too, while reminders and introductions are pending.
    const repos = createRepositories(app.db, clock);
    const midweek = new Map<Side, string[]>();
    for (const [mine, theirs] of [sides, [...sides].reverse()] as Array<[Side, Side]>)
      midweek.set(mine, await queryResults(ctx.useCases, repos, mine, theirs));
    for (const s of sides) await lookAround(s);
    await app.settled();
    await pressAll();

    // Retention went by each workspace's own window: Slack's 200-day-old meeting is gone,
    // Teams' is kept.
    const old = await app.db
      .selectFrom('interactions')
      .select('workspace_id')
      .where('source', '=', 'manual')
      .where('occurred_at', '<', new Date('2026-06-01T00:00:00Z'))
      .execute();
    expect(old.map((o) => o.workspace_id)).toEqual([sides[1]!.workspaceId]);

    // Both directions: what Slack's people got and could query holds nothing of Teams', and
    // the other way round. Each workspace's own needles are found, so the search can find.
    for (const [mine, theirs] of [sides, [...sides].reverse()] as Array<[Side, Side]>) {
      const sent = mine.outputs();
      const queried = [
        ...midweek.get(mine)!,
        ...(await queryResults(ctx.useCases, repos, mine, theirs)),
      ];
      expect(leaks(sent, mine.needles()).length).toBeGreaterThan(3);
      expect(leaks(queried, mine.needles()).length).toBeGreaterThan(3);
      expect({
        platform: mine.platform,
        sent: leaks(sent, theirs.needles()),
        queried: leaks(queried, theirs.needles()),
      }).toEqual({ platform: mine.platform, sent: [], queried: [] });
    }
  }, 120_000);
});
