import { loadConfig } from '../src/config';
import { NOT_CONNECTED_MESSAGE } from '../src/startup-messages';
import { cleanEnv, ownLines, runEntry } from './support/processes';

describe('configuration', () => {
  it('has working defaults with nothing set', () => {
    expect(loadConfig({})).toEqual({
      ok: true,
      config: {
        NODE_ENV: 'development',
        PORT: 3000,
        LOG_LEVEL: 'info',
        RAPPORT_DATA_DIR: './data',
        RAPPORT_SCHEDULER_TICK: '* * * * *',
        RAPPORT_DELIVERY_CONCURRENCY: 4,
        RAPPORT_DELIVERY_POLL_MS: 2000,
        RAPPORT_DELIVERY_LEASE_MS: 60_000,
        RAPPORT_DELIVERY_MAX_ATTEMPTS: 6,
        RAPPORT_INBOUND_CONCURRENCY: 8,
        RAPPORT_INBOUND_BACKLOG: 500,
        RAPPORT_SLACK_POSTS_PER_MINUTE: 300,
        RAPPORT_TEAMS_SENDS_PER_SECOND: 40,
        RAPPORT_SLACK_HISTORY_PER_MINUTE: 1,
      },
    });
  });

  it('accepts a full Slack and Teams configuration', () => {
    const result = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://rapport:secret@db:5432/rapport',
      SLACK_SIGNING_SECRET: 'abcdef0123456789',
      SLACK_CLIENT_ID: '123.456',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'a-long-random-state-secret',
      RAPPORT_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
      MICROSOFT_APP_ID: '00000000-0000-4000-8000-000000000000',
      MICROSOFT_APP_PASSWORD: 'pw',
    });
    expect(result).toMatchObject({ ok: true, config: { PORT: 8080, SLACK_CLIENT_ID: '123.456' } });
  });

  it.each<[Record<string, string>, string]>([
    [{ PORT: 'abc' }, 'PORT must be a port number from 1 to 65535, such as 3000'],
    [{ PORT: '70000' }, 'PORT must be a port number from 1 to 65535'],
    [{ PORT: '80.5' }, 'PORT must be a whole port number'],
    [
      { DATABASE_URL: 'mysql://localhost/db' },
      'DATABASE_URL must be a Postgres URL such as postgres://',
    ],
    [
      { LOG_LEVEL: 'loud' },
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    ],
    [{ NODE_ENV: 'prod' }, 'NODE_ENV must be one of development, production, test'],
    [
      { SLACK_BOT_TOKEN: 'xoxb-1-2' },
      'SLACK_SIGNING_SECRET must be set whenever another SLACK_ variable is set',
    ],
    [
      { SLACK_SIGNING_SECRET: 'abcdef0123', SLACK_BOT_TOKEN: 'xoxp-user-token' },
      'SLACK_BOT_TOKEN must be a bot token starting with xoxb-',
    ],
    [
      { SLACK_SIGNING_SECRET: 'abcdef0123', SLACK_APP_TOKEN: 'xoxb-1' },
      'SLACK_APP_TOKEN must be an app-level token starting with xapp-',
    ],
    [
      { SLACK_SIGNING_SECRET: 'abcdef0123', SLACK_CLIENT_ID: '123.456' },
      'SLACK_CLIENT_SECRET must be set too',
    ],
    [
      {
        SLACK_SIGNING_SECRET: 'abcdef0123',
        SLACK_CLIENT_ID: '123.456',
        SLACK_CLIENT_SECRET: 'client-secret',
        SLACK_STATE_SECRET: 'a-long-random-state-secret',
      },
      'RAPPORT_ENCRYPTION_KEY must be set for multi-workspace install',
    ],
    [
      { RAPPORT_ENCRYPTION_KEY: 'too-short' },
      'RAPPORT_ENCRYPTION_KEY must be 32 random bytes in base64',
    ],
    [
      { SLACK_SIGNING_SECRET: 'abcdef0123', SLACK_API_URL: 'not a url' },
      'SLACK_API_URL must be a URL',
    ],
    [{ MICROSOFT_APP_ID: 'my-bot' }, 'MICROSOFT_APP_ID must be the bot app id, a GUID'],
    [
      { MICROSOFT_APP_ID: '00000000-0000-4000-8000-000000000000' },
      'MICROSOFT_APP_PASSWORD must be set with MICROSOFT_APP_ID',
    ],
  ])('rejects %j with one line naming the variable', (env, expected) => {
    const result = loadConfig(env);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain(`Configuration error: ${expected}`);
      expect(result.message).not.toContain('\n');
    }
  });

  it('never echoes a secret value back in the error', () => {
    const result = loadConfig({
      SLACK_SIGNING_SECRET: 'abcdef0123',
      SLACK_BOT_TOKEN: 'xoxp-very-secret-user-token',
    });
    expect(!result.ok && result.message).not.toContain('very-secret');
  });
});

describe('start-up', () => {
  it('stops on a malformed variable with one line and no stack trace', async () => {
    const result = await runEntry('src/main.ts', [], { env: cleanEnv({ PORT: 'eighty' }) });
    expect(result.code).toBe(1);
    expect(ownLines(result.stderr)).toEqual([
      'Configuration error: PORT must be a port number from 1 to 65535, such as 3000.',
    ]);
    expect(result.stdout).toBe('');
  });

  it('without Slack or Teams credentials says which variables connect it and points to the demo', async () => {
    const result = await runEntry('src/main.ts', [], { env: cleanEnv() });
    expect(result.code).toBe(1);
    expect(ownLines(result.stderr)).toEqual([NOT_CONNECTED_MESSAGE]);
    expect(NOT_CONNECTED_MESSAGE).toMatch(/SLACK_BOT_TOKEN.*npm run demo/);
  });

  it('refuses RAPPORT_TEAMS_ANONYMOUS in production, naming the variable, and serves nothing', async () => {
    const result = await runEntry('src/main.ts', [], {
      env: cleanEnv({ NODE_ENV: 'production', RAPPORT_TEAMS_ANONYMOUS: 'true' }),
    });
    expect(result.code).toBe(1);
    expect(ownLines(result.stderr)).toEqual([
      'Configuration error: RAPPORT_TEAMS_ANONYMOUS must be unset in production: it serves /api/messages without checking who sent a request (for the Agents Playground and tests).',
    ]);
    expect(result.stdout).not.toContain('listening');
  });
});
