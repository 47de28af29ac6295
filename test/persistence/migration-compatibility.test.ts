import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DatabaseHandle } from '../../src/persistence/database';
import { openTestDatabase } from '../support/database';
import { FakeSlack } from '../support/fake-slack';
import { cleanEnv, ROOT, runEntry } from '../support/processes';
import { startReplica, type Replica } from '../support/replicas';
import { postSigned, SIGNING_SECRET, slashCommandForm } from '../support/slack-requests';
import { acmeUsers, BOT_USER_ID, TEAM_ID } from '../support/slack-team';

const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });

/**
 * The previous release: the code just before the newest migration was committed (the code as
 * it is committed, while that migration is still being written). A reason to skip instead
 * when this is not a git checkout with that history (an exported tree, a shallow clone).
 */
function previousRelease(): { commit: string; newest: string } | { skip: string } {
  const newest = readdirSync(path.join(ROOT, 'migrations'))
    .filter((f) => f !== 'index.ts')
    .sort()
    .at(-1)!;
  try {
    const added = git('log', '--diff-filter=A', '--format=%H', '--', `migrations/${newest}`)
      .toString()
      .trim()
      .split('\n')
      .at(-1);
    const commit = git('rev-parse', '--verify', added ? `${added}^` : 'HEAD')
      .toString()
      .trim();
    return { commit, newest };
  } catch {
    return { skip: 'not a git checkout with the history before the newest migration' };
  }
}

const release = previousRelease();
if ('skip' in release) console.warn(`migration compatibility skipped: ${release.skip}`);

/**
 * Upgrades run the newest migrations while replicas of the previous release still serve, so
 * each migration must leave the previous release's queries working (expand now, contract a
 * release later; see "Operations" in the README). This exports the previous release's code
 * from git, lets it start on a fresh database with today's migrations (so it applies the newest
 * one itself), and drives its writes and reads: the directory, a kudos through the delivery
 * queue, App Home, and jobs that touch every table.
 */
// Two processes of the previous release, which tsx compiles afresh: 20 s or more on a busy
// machine, so only where slow tests run (CI's Postgres pass).
const slow = Boolean(process.env.RAPPORT_SLOW_TESTS);
('commit' in release && slow ? describe : describe.skip)(
  'the previous release on the newest migrations',
  () => {
    const { commit, newest } = 'commit' in release ? release : { commit: '', newest: '' };
    let tree: string;
    let fake: FakeSlack;
    let replica: Replica | undefined;
    let database: DatabaseHandle | undefined;
    let env: Record<string, string>;
    let reopen: () => Promise<DatabaseHandle>;

    beforeAll(async () => {
      tree = mkdtempSync(path.join(os.tmpdir(), 'rapport-previous-'));
      const archive = path.join(tree, 'previous.tar');
      // Its code and settings; today's migrations and installed packages.
      git('archive', '--format=tar', '-o', archive, commit, 'src', 'tsconfig.json', 'package.json');
      execFileSync('tar', ['-x', '-f', archive, '-C', tree]);
      cpSync(path.join(ROOT, 'migrations'), path.join(tree, 'migrations'), { recursive: true });
      symlinkSync(realpathSync(path.join(ROOT, 'node_modules')), path.join(tree, 'node_modules'));

      fake = await FakeSlack.start();
      // One users.list page and no profile fields: a directory read takes no paced waits, so
      // the scheduler's first sync is over long before the server is stopped.
      fake.pageSize = 100;
      fake.addTeam({
        id: TEAM_ID,
        name: 'Acme',
        botUserId: BOT_USER_ID,
        users: acmeUsers(),
        fields: [],
      });
      fake.addToken('xoxb-acme-single', TEAM_ID);
      env = {
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: 'xoxb-acme-single',
        SLACK_API_URL: fake.apiUrl,
        RAPPORT_SCHEDULER_TICK: '* * * * * *',
        RAPPORT_DELIVERY_POLL_MS: '100',
      };
      if (process.env.TEST_DATABASE_URL) {
        // An empty schema of its own: the old release migrates it from nothing.
        const empty = await openTestDatabase({ migrate: false });
        const schema = (
          await empty.db.selectNoFrom((eb) => eb.fn<string>('current_schema').as('s')).execute()
        )[0]!.s;
        await empty.close();
        const url = new URL(process.env.TEST_DATABASE_URL);
        url.searchParams.set('options', `-c search_path=${schema}`);
        env.DATABASE_URL = url.toString();
        reopen = () => openDatabase({ url: process.env.TEST_DATABASE_URL, schema });
      } else {
        env.RAPPORT_DATA_DIR = path.join(tree, 'data');
        reopen = () => openDatabase({ dataDir: env.RAPPORT_DATA_DIR });
      }
    }, 30_000);

    /** A wait that failed says what the old release logged as errors meanwhile. */
    const withErrors = <T>(waiting: Promise<T>) =>
      waiting.catch((error: unknown) => {
        throw new Error(
          `${String(error)}; it logged:\n${errorLines(replica!.output()).join('\n')}`,
        );
      });

    /** Li opens App Home, as Slack reports it. */
    const openHome = async (eventId: string) => {
      const body = JSON.stringify({
        token: 'legacy-verification-token',
        team_id: TEAM_ID,
        api_app_id: 'A0RAPPORT',
        event: { type: 'app_home_opened', user: 'ULI', tab: 'home', channel: 'DULI' },
        type: 'event_callback',
        event_id: eventId,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [
          { team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false },
        ],
      });
      const answer = await postSigned(`${replica!.url}/slack/events`, body, 'application/json');
      expect(answer.status).toBe(200);
    };

    afterAll(async () => {
      await replica?.stop();
      await database?.close();
      await fake?.close();
      if (tree) rmSync(tree, { recursive: true, force: true });
    });

    it(`serves kudos and App Home (code of ${commit.slice(0, 8)}, schema up to ${newest})`, async () => {
      // Ready means its start-up migration ran and it read the directory.
      replica = await startReplica('previous release', env, tree, 100_000);

      const responseUrl = fake.responseUrl();
      const command = slashCommandForm({
        command: '/kudos',
        text: '<@ULI|li> thanks for the careful review #craft',
        responseUrl,
        triggerId: 'trigger.compat',
        team: TEAM_ID,
        user: 'UANA',
        channel: 'CPLANNING',
      });
      const sent = await postSigned(
        `${replica.url}/slack/events`,
        command,
        'application/x-www-form-urlencoded',
      );
      expect(sent.status).toBe(200);
      // Li's note goes through the delivery queue: enqueued, claimed, sent, marked.
      const dm = await withErrors(
        fake.waitFor(() => fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'ULI')),
      );
      expect(JSON.stringify(dm.args)).toContain('careful review');

      await openHome('EvCompatHome');
      const published = await withErrors(
        fake.waitFor(() => fake.callsTo('views.publish').find((c) => c.args.user_id === 'ULI')),
      );
      expect(JSON.stringify(published.args)).toContain('careful review');

      expect(await replica.stop()).toBe(0);
      expect(errorLines(replica.output())).toEqual([]);
    }, 120_000);

    it('runs its jobs, retention among them, which touches every table', async () => {
      await replica?.stop();
      const result = await runEntry('src/job-cli.ts', ['retention'], {
        cwd: tree,
        env: cleanEnv({ ...env, LOG_LEVEL: 'warn' }),
        timeoutMs: 60_000,
      });
      expect({ code: result.code, errors: errorLines(result.stderr) }).toEqual({
        code: 0,
        errors: [],
      });
      database = await reopen();
      const runs = await database.db.selectFrom('job_runs').select(['job', 'status']).execute();
      expect(runs.filter((r) => r.status !== 'done')).toEqual([]);
      // Whatever its scheduler ran while it served (reminders, due every 5 minutes, and others
      // by the hour), and retention.
      expect(runs.map((r) => r.job)).toContain('retention');
      // Li's note, queued and sent by the old code on the new schema.
      const deliveries = await database.db.selectFrom('deliveries').select('status').execute();
      expect(deliveries.map((d) => d.status)).toContain('sent');
    }, 120_000);

    // Releases from the one that added newerMigrations on; earlier ones stop at start-up on a
    // database with a migration they do not know ("previously executed migration is missing").
    (restartsOnNewer(commit) ? it : it.skip)(
      'restarts with its own migrations on the migrated database, as an old replica mid-upgrade',
      async () => {
        await database?.close();
        database = undefined;
        rmSync(path.join(tree, 'migrations'), { recursive: true });
        const archive = path.join(tree, 'migrations.tar');
        git('archive', '--format=tar', '-o', archive, commit, 'migrations');
        execFileSync('tar', ['-x', '-f', archive, '-C', tree]);

        replica = await startReplica('previous release, restarted', env, tree, 100_000);
        expect(replica.output()).toContain('migrations of a newer release');
        const before = fake.callsTo('views.publish').length;
        await openHome('EvCompatHomeAgain');
        await withErrors(fake.waitFor(() => fake.callsTo('views.publish').length > before));
        expect(await replica.stop()).toBe(0);
        expect(errorLines(replica.output())).toEqual([]);
      },
      120_000,
    );
  },
);

function restartsOnNewer(commit: string): boolean {
  try {
    git('grep', '-q', 'newerMigrations', commit, '--', 'src/persistence/migrate.ts');
    return true;
  } catch {
    return false;
  }
}

/** Log lines at error or fatal (pino levels 50 and 60). */
function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => /"level":(50|60)/.test(line));
}
