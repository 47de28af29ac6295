import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/persistence/database';
import { FakeSlack } from '../support/fake-slack';
import { ownLines, spawnServer, type ServerProcess } from '../support/processes';
import { postSigned, SIGNING_SECRET, slashCommandForm } from '../support/slack-requests';
import { acmeUsers, BOT_USER_ID, TEAM_ID } from '../support/slack-team';
import { until } from '../support/wait';

/**
 * Where the embedded database may write no further than: far less than its write-ahead log
 * has reached once migrated, so that opening it (which writes to the log) fails as it does on
 * a full disk. Without root there is no small disk to fill; `ulimit -f` fails the same writes.
 */
const LIMIT_KB = 1024;

/** Whether this process may mount a small disk of its own (as root, outside most sandboxes). */
function canMountTmpfs(): boolean {
  if (!process.env.RAPPORT_SLOW_TESTS) return false;
  const probe = mkdtempSync(path.join(tmpdir(), 'rapport-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/** Writes zeros to `file` until the disk has no room left. */
function fill(file: string) {
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(1 << 20);
  try {
    for (;;) writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

// Three starts of a real process on the embedded database: about a minute. CI's Postgres
// pass sets RAPPORT_SLOW_TESTS; the database here is the embedded one whatever the pass.
(process.env.RAPPORT_SLOW_TESTS ? describe : describe.skip)(
  'the embedded database when its disk is full (slow: RAPPORT_SLOW_TESTS)',
  () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'rapport-disk-full-'));
    let fake: FakeSlack;
    let server: ServerProcess | undefined;

    beforeAll(async () => {
      fake = await FakeSlack.start();
      fake.pageSize = 100;
      fake.addTeam({ id: TEAM_ID, name: 'Acme', botUserId: BOT_USER_ID, users: acmeUsers() });
      fake.addToken('xoxb-full', TEAM_ID);
    });

    afterAll(async () => {
      await server?.stop('SIGKILL');
      await fake?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const start = async (options: { fileSizeLimitKb?: number } = {}, dir = dataDir) => {
      const started = await spawnServer(
        {
          RAPPORT_DATA_DIR: dir,
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_BOT_TOKEN: 'xoxb-full',
          SLACK_API_URL: fake.apiUrl,
        },
        options,
      );
      await until(
        async () =>
          started.child.exitCode !== null ||
          (await fetch(`${started.url}/readyz`, { signal: AbortSignal.timeout(2000) }).then(
            (r) => r.ok,
            () => false,
          )),
        90_000,
      );
      return started;
    };

    const answerTo = async (running: ServerProcess, n: number) => {
      const responseUrl = fake.responseUrl(`full-${n}`);
      await postSigned(
        `${running.url}/slack/events`,
        slashCommandForm({
          command: '/kudos',
          text: `<@ULI> thanks for the ${n}th review #craft`,
          responseUrl,
          triggerId: `trigger.full.${n}`,
          team: TEAM_ID,
          channel: 'CTEAM',
        }),
        'application/x-www-form-urlencoded',
      );
      const path = new URL(responseUrl).pathname;
      const answer = await fake.waitFor(() => fake.responses.find((r) => r.path === path), 20_000);
      return answer.body as { response_type: string; text: string };
    };

    const thank = async (running: ServerProcess, n: number) => {
      expect((await answerTo(running, n)).response_type).toBe('in_channel');
      return `slack:command:trigger.full.${n}`;
    };

    const kudosIn = async (dir: string) => {
      const handle = await openDatabase({ dataDir: dir });
      try {
        const kudos = await handle.db.selectFrom('kudos').select('source_key').execute();
        return kudos.map((k) => k.source_key).sort();
      } finally {
        await handle.close();
      }
    };

    it('says so in one line and exits 1, and opens with every record once there is room', async () => {
      server = await start();
      const recorded = [await thank(server, 1), await thank(server, 2), await thank(server, 3)];
      // Killed, as a full disk often ends a process: opening it again replays its log, a write.
      await server.stop('SIGKILL');

      server = await start({ fileSizeLimitKb: LIMIT_KB });
      const full = server;
      await until(
        async () => full.child.exitCode !== null || full.child.signalCode !== null,
        60_000,
      );
      expect({ code: full.child.exitCode, output: ownLines(full.output()) }).toEqual({
        code: 1,
        output: [
          expect.stringMatching(
            new RegExp(
              `^Rapport could not start: the embedded database in ${dataDir} stopped \\(Aborted\\(\\)\\)\\. Check that its disk has free space \\(\\d+ MB free there now\\) and that Rapport may write there; what was written before is recovered when it opens again\\.$`,
            ),
          ),
        ],
      });

      server = await start();
      expect(server.child.exitCode).toBeNull();
      await thank(server, 4);
      expect(await server.stop('SIGTERM')).toBe(0);
      expect(await kudosIn(dataDir)).toEqual([...recorded, 'slack:command:trigger.full.4'].sort());
    }, 240_000);

    // A disk of its own, filled while the server runs: tmpfs, which only root may mount.
    (canMountTmpfs() ? it : it.skip)(
      'answers with the apology and records nothing while its disk is full, then carries on',
      async () => {
        const disk = mkdtempSync(path.join(tmpdir(), 'rapport-small-disk-'));
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', disk]);
        try {
          const dir = path.join(disk, 'data');
          server = await start({}, dir);
          expect(server.child.exitCode).toBeNull();
          // Migrated, with no workspace yet: the first request's writes all need new pages
          // (a write into a page or log segment already on disk needs no more room).
          fill(path.join(disk, 'filler'));
          expect(await answerTo(server, 12)).toMatchObject({
            response_type: 'ephemeral',
            text: 'Sorry, something went wrong on my side and nothing was recorded. Please try again in a moment.',
          });
          expect(server.child.exitCode).toBeNull();
          expect(server.output()).toContain('No space left on device');
          rmSync(path.join(disk, 'filler'));
          const recorded = [await thank(server, 13)];
          expect(await server.stop('SIGTERM')).toBe(0);
          server = undefined;
          expect(await kudosIn(dir)).toEqual(recorded.sort());
        } finally {
          await server?.stop('SIGKILL');
          execFileSync('umount', [disk]);
          rmSync(disk, { recursive: true, force: true });
        }
      },
      180_000,
    );
  },
);
