import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/persistence/database';
import { migrateToLatest } from '../../src/persistence/migrate';
import {
  ensureWorkspace,
  saveSettings,
  upsertMember,
} from '../../src/persistence/repositories/directory';
import { jobNeedsPlatform } from '../../src/startup-messages';
import { FakeSlack } from '../support/fake-slack';
import { cleanEnv, ownLines, run } from '../support/processes';
import { SIGNING_SECRET } from '../support/slack-requests';
import { acmeUsers, BOT_USER_ID, TEAM_ID } from '../support/slack-team';
import { describeOnEmbeddedPass } from '../support/passes';

describeOnEmbeddedPass('npm run job', () => {
  let dir: string;
  let fake: FakeSlack;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-job-'));
    fake = await FakeSlack.start();
    fake.addTeam({ id: TEAM_ID, name: 'Acme', botUserId: BOT_USER_ID, users: acmeUsers() });
    fake.addToken('xoxb-job', TEAM_ID);
    const handle = await openDatabase({ dataDir: dir });
    await migrateToLatest(handle.db);
    const workspaceId = await ensureWorkspace(handle.db, {
      platform: 'slack',
      externalId: TEAM_ID,
      name: 'Acme',
    });
    await upsertMember(handle.db, workspaceId, { userId: 'UANA', name: 'Ana Silva' });
    await saveSettings(handle.db, workspaceId, { kudosChannelId: 'CKUDOS' });
    await handle.close();
  });
  afterAll(async () => {
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const job = (args: string[]) =>
    run('npm', ['run', 'job', '--silent', '--', ...args], {
      env: cleanEnv({
        RAPPORT_DATA_DIR: dir,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: 'xoxb-job',
        SLACK_API_URL: fake.apiUrl,
      }),
      timeoutMs: 90_000,
    });

  it('runs the kudos prompt now for one workspace and sends it, once', async () => {
    const first = await job(['kudos-prompt', '--workspace', TEAM_ID]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^kudos-prompt [0-9a-f-]{36}: queued 1$/m);
    expect(first.stdout).toContain('deliveries: 1 sent');
    expect(fake.messages.map((m) => [m.channel, m.text])).toEqual([
      ['CKUDOS', 'Who helped you this week?'],
    ]);
  }, 120_000);

  it('lists the jobs for an unknown name, and refuses an unknown workspace', async () => {
    const unknown = await job(['frobnicate']);
    expect(unknown.code).toBe(2);
    const lines = ownLines(unknown.stderr);
    expect(lines[0]).toBe(
      'There is no job "frobnicate". Usage: npm run job -- <name> [--workspace <id>]',
    );
    for (const name of ['kudos-prompt', 'kudos-digest', 'retention', 'directory-sync'])
      expect(unknown.stderr).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    const nowhere = await job(['kudos-digest', '--workspace', 'T0NOWHERE']);
    expect(nowhere.code).toBe(2);
    expect(ownLines(nowhere.stderr)).toEqual(['There is no workspace "T0NOWHERE".']);
  }, 120_000);

  it('says a platform job needs that platform, instead of that there is no such job', async () => {
    const result = await run('npm', ['run', 'job', '--silent', '--', 'directory-sync'], {
      env: cleanEnv({ RAPPORT_DATA_DIR: dir }),
      timeoutMs: 90_000,
    });
    expect(result.code).toBe(2);
    expect(ownLines(result.stderr)).toEqual([jobNeedsPlatform('directory-sync', 'slack')]);
    expect(result.stderr).not.toContain('There is no job');
  }, 120_000);

  it('runs a global job', async () => {
    const result = await job(['retention']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^retention global: purged 0 workspaces/m);
  }, 120_000);
});
