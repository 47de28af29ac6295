import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postgresInstallationStore } from '../../src/adapters/slack/installation-store';
import { latestWeeklySlot } from '../../src/core/domain/schedule';
import { saveSettings } from '../../src/persistence/repositories/directory';
import { secretBox } from '../../src/persistence/secret-box';
import { FakeSlack } from '../support/fake-slack';
import {
  POSTGRES_URL,
  sharedClock,
  sharedDatabase,
  startReplica,
  type Replica,
} from '../support/replicas';
import { ENCRYPTION_KEY } from '../support/slack-app';
import { SIGNING_SECRET } from '../support/slack-requests';
import { acmeUsers } from '../support/slack-team';

const TEAMS = [
  { id: 'T0BERLIN', zone: 'Europe/Berlin', weekday: 5, hour: 16, channel: 'CKUDOSBER' },
  { id: 'T0NEWYORK', zone: 'America/New_York', weekday: 5, hour: 11, channel: 'CKUDOSNYC' },
];
const FIRST_WEEK = Date.parse('2027-01-04T00:00:00Z');
const WEEK = 7 * 24 * 60 * 60 * 1000;

/** Both workspaces' prompt slots in week `n`, and a moment just after the later one. */
function week(n: number) {
  const end = new Date(FIRST_WEEK + (n + 1) * WEEK - 1);
  const slots = TEAMS.map((t) =>
    latestWeeklySlot(end, { weekday: t.weekday, hour: t.hour, everyWeeks: 1, zone: t.zone }),
  );
  return { slots, after: Math.max(...slots.map((s) => s.getTime())) };
}

// Several real processes need one database they can all reach: the real Postgres.
(POSTGRES_URL ? describe : describe.skip)('three replicas on one Postgres', () => {
  let fake: FakeSlack;
  let database: Awaited<ReturnType<typeof sharedDatabase>>;
  let dir: string;
  let clock: ReturnType<typeof sharedClock>;
  let replicas: Replica[] = [];

  const env = () => ({
    DATABASE_URL: database.url,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_CLIENT_ID: '1111.2222',
    SLACK_CLIENT_SECRET: 'client-secret-0123',
    SLACK_STATE_SECRET: 'state-secret-0123456789',
    RAPPORT_ENCRYPTION_KEY: ENCRYPTION_KEY,
    SLACK_API_URL: fake.apiUrl,
    RAPPORT_CLOCK_FILE: clock.path,
    RAPPORT_SCHEDULER_TICK: '* * * * * *',
    RAPPORT_DELIVERY_POLL_MS: '100',
  });

  beforeAll(async () => {
    fake = await FakeSlack.start();
    // One users.list page: the daily directory sync then takes no paced waits.
    fake.pageSize = 100;
    database = await sharedDatabase();
    dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-replicas-'));
    clock = sharedClock(path.join(dir, 'clock.json'));
    clock.set(new Date(FIRST_WEEK).toISOString());
    const store = postgresInstallationStore(database.handle.db, secretBox(ENCRYPTION_KEY));
    for (const team of TEAMS) {
      const users = acmeUsers().map((u) => ({ ...u, team_id: team.id }));
      fake.addTeam({ id: team.id, name: team.id, botUserId: 'UBOT', users, fields: [] });
      fake.addToken(`xoxb-${team.id}`, team.id);
      await store.storeInstallation({
        team: { id: team.id, name: team.id },
        enterprise: undefined,
        user: { id: 'UANA', token: undefined, scopes: undefined },
        bot: { id: 'BBOT', userId: 'UBOT', token: `xoxb-${team.id}`, scopes: ['chat:write'] },
        isEnterpriseInstall: false,
        authVersion: 'v2',
      });
      const workspace = await database.handle.db
        .selectFrom('workspaces')
        .select('id')
        .where('external_id', '=', team.id)
        .executeTakeFirstOrThrow();
      await saveSettings(database.handle.db, workspace.id, {
        kudosChannelId: team.channel,
        timezone: team.zone,
        kudosPrompt: { enabled: true, weekday: team.weekday, hour: team.hour },
        kudosDigest: { enabled: false, weekday: 1, hour: 9 },
      });
    }
  });

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop('SIGKILL')));
    await database?.close();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const promptsIn = (channel: string) =>
    fake.messages.filter((m) => m.channel === channel && m.text === 'Who helped you this week?');

  /** Waits until each workspace has `n` prompts, then a little longer, and checks it is still n. */
  async function expectPrompts(n: number) {
    await fake.waitFor(() => TEAMS.every((t) => promptsIn(t.channel).length >= n), 20_000);
    // Two more ticks on every replica: a duplicate would show by now.
    await new Promise((r) => setTimeout(r, 2500));
    expect(TEAMS.map((t) => promptsIn(t.channel).length)).toEqual(TEAMS.map(() => n));
  }

  it('posts exactly one prompt per workspace per slot over ten slots', async () => {
    replicas = await Promise.all(['a', 'b', 'c'].map((n) => startReplica(n, env())));
    for (let n = 0; n < 10; n += 1) {
      clock.set(new Date(week(n).after + 20_000).toISOString());
      await expectPrompts(n + 1);
    }
    // The retention job keeps 30 days of runs: the last four weeks' are still there.
    const runs = await database.handle.db
      .selectFrom('job_runs')
      .select(['scope', 'slot', 'claimed_by', 'status'])
      .where('job', '=', 'kudos-prompt')
      .where('slot', '>=', new Date(FIRST_WEEK + 6 * WEEK))
      .execute();
    expect(runs.map((r) => r.status)).toEqual(Array(8).fill('done'));
    // Every prompt posted was its own delivery, sent once.
    const sent = TEAMS.flatMap((t) =>
      promptsIn(t.channel).map((m) => m.metadata?.event_payload.delivery),
    );
    expect(new Set(sent).size).toBe(20);
  }, 180_000);

  it('posts a prompt missed while every replica was down exactly once when one comes back', async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    // Two hours after week 10's slots, within the prompt's six-hour catch-up window.
    clock.set(new Date(week(10).after + 2 * 60 * 60 * 1000).toISOString());
    replicas = [await startReplica('d', env())];
    await expectPrompts(11);
  }, 90_000);

  it('lets a prompt go that is older than its catch-up window', async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    clock.set(new Date(week(11).after + 7 * 60 * 60 * 1000).toISOString());
    replicas = [await startReplica('e', env())];
    await new Promise((r) => setTimeout(r, 3000));
    expect(TEAMS.map((t) => promptsIn(t.channel).length)).toEqual([11, 11]);
  }, 90_000);
});
