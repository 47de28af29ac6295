import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeSlack } from '../support/fake-slack';
import { freePort, spawnServer, type ServerProcess } from '../support/processes';
import { SIGNING_SECRET } from '../support/slack-requests';
import { acmeUsers, BOT_USER_ID, TEAM_ID } from '../support/slack-team';
import { until } from '../support/wait';

const TOKEN = 'xoxb-acme-single';
const FAILED = 'Slack start-up failed: cannot reach Slack (auth.test: ECONNREFUSED)';

const get = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, string> };
};

describe('the server while Slack cannot be reached', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rapport-slack-down-'));
  let server: ServerProcess | undefined;
  let fake: FakeSlack | undefined;

  afterAll(async () => {
    await server?.stop('SIGKILL');
    await fake?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stays up, says Slack is not ready, and starts once Slack answers', async () => {
    const slackPort = await freePort();
    server = await spawnServer({
      // The embedded database: this is about Slack, whichever database the run uses.
      RAPPORT_DATA_DIR: dataDir,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/`,
    });
    const running = server;
    const failures = () => running.output().split(FAILED).length - 1;

    // Three failed tries are a second, then two more, apart: the process has been up a while.
    await until(async () => running.child.exitCode !== null || failures() >= 3, 60_000);
    expect({ exitCode: running.child.exitCode, output: running.output() }).toEqual({
      exitCode: null,
      output: expect.stringContaining(FAILED),
    });
    expect((await get(`${running.url}/healthz`)).status).toBe(200);
    expect(await get(`${running.url}/readyz`)).toEqual({
      status: 503,
      body: {
        status: 'not ready',
        database: 'ok',
        slack: 'cannot reach Slack (auth.test: ECONNREFUSED); retrying',
      },
    });
    // One line per failure, without a stack trace.
    expect(running.output()).not.toMatch(/^\s+at /m);

    fake = await FakeSlack.start({ port: slackPort });
    fake.pageSize = 100;
    fake.addTeam({ id: TEAM_ID, name: 'Acme', botUserId: BOT_USER_ID, users: acmeUsers() });
    fake.addToken(TOKEN, TEAM_ID);
    const ready = await until(async () => {
      const answer = await get(`${running.url}/readyz`);
      return answer.status === 200 && answer;
    }, 90_000);
    expect(ready.body).toEqual({ status: 'ready', database: 'ok', slack: 'ok' });
    const slack = fake;
    await slack.waitFor(() => slack.callsTo('users.list').length > 0, 30_000);
    expect(slack.callsTo('auth.test').map((c) => c.token)).toEqual([TOKEN]);

    expect(await running.stop('SIGTERM')).toBe(0);
  });
});
