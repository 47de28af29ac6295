import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/persistence/database';
import { cleanEnv, freePort, ownLines, ROOT, runEntry } from '../support/processes';
import { SIGNING_SECRET } from '../support/slack-requests';
import { until } from '../support/wait';
import { describeOnEmbeddedPass } from '../support/passes';

const ENTRIES: Array<[entry: string, args: string[], heading: string]> = [
  ['src/adapters/shell/demo.ts', [], 'The demo could not start'],
  ['src/migrate-cli.ts', [], 'Migration failed'],
  ['src/job-cli.ts', ['retention'], 'The job failed'],
  ['src/main.ts', [], 'Rapport could not start'],
];

/** The demo reading from a stdin the test keeps open: it holds the database until stdin ends. */
async function startDemo(dir: string) {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/adapters/shell/demo.ts'],
    { cwd: ROOT, env: cleanEnv({ RAPPORT_DATA_DIR: dir }), stdio: 'pipe' },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await until(async () => {
    if (child.exitCode !== null) throw new Error(`the demo exited:\n${output}`);
    return output.includes('Rapport demo — you are');
  }, 90_000);
  return { child, exited, output: () => output };
}

describeOnEmbeddedPass('one process at a time on an embedded data directory', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-lock-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const start = async (entry: string, args: string[]) =>
    runEntry(entry, args, {
      env: cleanEnv({
        RAPPORT_DATA_DIR: dir,
        PORT: String(await freePort()),
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: 'xoxb-lock',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
      }),
      input: '/kudos @li thanks for sharing #teamwork\n',
      timeoutMs: 90_000,
    });

  it('refuses the server, the demo, migrate and job while a demo holds the directory, naming the directory and the pid', async () => {
    const holder = await startDemo(dir);
    try {
      for (const [entry, args, heading] of ENTRIES) {
        const { code, stdout, stderr } = await start(entry, args);
        expect(ownLines(stderr)).toEqual([
          `${heading}: the embedded database in ${dir} is in use by another Rapport process (pid ${holder.child.pid}). Stop that process, or give this one its own directory: RAPPORT_DATA_DIR=${dir}-2`,
        ]);
        expect(code).toBe(1);
        expect(stdout).not.toContain('Kudos');
      }
    } finally {
      holder.child.stdin.end();
    }
    expect(await holder.exited).toBe(0);

    const after = await start('src/migrate-cli.ts', []);
    expect(after.stdout).toContain('already up to date');
    expect(after.code).toBe(0);
  }, 180_000);

  it('takes over the lock of a process that was killed', async () => {
    const killed = await startDemo(dir);
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(readFileSync(path.join(dir, 'rapport.lock'), 'utf8').trim()).toBe(
      String(killed.child.pid),
    );

    const after = await start('src/migrate-cli.ts', []);
    expect(ownLines(after.stderr)).toEqual([]);
    expect(after.stdout).toContain('already up to date');
    expect(after.code).toBe(0);
  }, 180_000);

  it('takes over a lock naming this very process from an earlier life (a restarted container), and refuses a second open in it', async () => {
    writeFileSync(path.join(dir, 'rapport.lock'), `${process.pid}\n`);
    const first = await openDatabase({ dataDir: dir });
    const second = openDatabase({ dataDir: dir });
    try {
      await expect(second).rejects.toThrow(
        `the embedded database in ${dir} is in use by another Rapport process (pid ${process.pid}).`,
      );
    } finally {
      await second.then((handle) => handle.close()).catch(() => undefined);
      await first.close();
    }
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  }, 60_000);
});
