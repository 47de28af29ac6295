import { cleanEnv, freePort, ownLines, runEntry } from '../support/processes';
import { SIGNING_SECRET } from '../support/slack-requests';

describe('an entry point whose DATABASE_URL points at a closed port', () => {
  let port: number;
  beforeAll(async () => {
    port = await freePort();
  });

  it.each([
    ['the server', 'src/main.ts', [], 'Rapport could not start'],
    ['npm run migrate', 'src/migrate-cli.ts', [], 'Migration failed'],
    ['the demo', 'src/adapters/shell/demo.ts', [], 'The demo could not start'],
    ['npm run job', 'src/job-cli.ts', ['retention'], 'The job failed'],
  ])(
    '%s says which database it cannot reach, without its password',
    async (_name, entry, args, heading) => {
      const { code, stdout, stderr } = await runEntry(entry, args, {
        env: cleanEnv({
          DATABASE_URL: `postgres://rapport:secret@127.0.0.1:${port}/rapport`,
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_BOT_TOKEN: 'xoxb-closed-port',
          SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
        }),
      });
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
      expect(ownLines(stderr)).toEqual([
        `${heading}: the database at postgres://rapport@127.0.0.1:${port}/rapport cannot be reached (connect ECONNREFUSED 127.0.0.1:${port}). Check DATABASE_URL and that Postgres is running.`,
      ]);
      expect(`${stdout}${stderr}`).not.toContain('secret');
    },
  );
});
