import { validate as validCron } from 'node-cron';
import { z } from 'zod';

const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    schema.optional(),
  );

const postgresUrl = z
  .string()
  .regex(
    /^postgres(ql)?:\/\/\S+$/,
    'a Postgres URL such as postgres://user:pass@host:5432/rapport',
  );

const count = (what: string, min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `${what}: a whole number from ${min} to ${max}` })
    .int(`${what}: a whole number from ${min} to ${max}`)
    .min(min, `${what}: a whole number from ${min} to ${max}`)
    .max(max, `${what}: a whole number from ${min} to ${max}`)
    .default(fallback);

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const schema = z
  .object({
    NODE_ENV: z
      .enum(['development', 'production', 'test'], {
        error: 'one of development, production, test',
      })
      .default('development'),
    PORT: z.coerce
      .number({ error: 'a port number from 1 to 65535, such as 3000' })
      .int('a whole port number from 1 to 65535, such as 3000')
      .min(1, 'a port number from 1 to 65535, such as 3000')
      .max(65535, 'a port number from 1 to 65535, such as 3000')
      .default(3000),
    LOG_LEVEL: z.enum(logLevels, { error: `one of ${logLevels.join(', ')}` }).default('info'),
    DATABASE_URL: optional(postgresUrl),
    RAPPORT_DATA_DIR: z.string().min(1).default('./data'),
    SLACK_SIGNING_SECRET: optional(
      z.string().min(8, 'the signing secret from your Slack app page'),
    ),
    SLACK_BOT_TOKEN: optional(z.string().regex(/^xoxb-\S+$/, 'a bot token starting with xoxb-')),
    SLACK_CLIENT_ID: optional(
      z.string().regex(/^\d+\.\d+$/, 'a client id such as 1234567890.1234567890'),
    ),
    SLACK_CLIENT_SECRET: optional(z.string().min(8, 'the client secret from your Slack app page')),
    SLACK_STATE_SECRET: optional(z.string().min(16, 'a random string of at least 16 characters')),
    SLACK_APP_TOKEN: optional(
      z.string().regex(/^xapp-\S+$/, 'an app-level token starting with xapp-'),
    ),
    RAPPORT_ENCRYPTION_KEY: optional(
      z
        .string()
        .refine(
          (v) => Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/]{43}=?$/.test(v),
          '32 random bytes in base64, e.g. the output of: openssl rand -base64 32',
        ),
    ),
    SLACK_API_URL: optional(z.url({ error: 'a URL such as https://slack.com/api/' })),
    MICROSOFT_APP_ID: optional(z.uuid({ error: 'the bot app id, a GUID' })),
    MICROSOFT_APP_PASSWORD: optional(z.string().min(1)),
    MICROSOFT_APP_TENANT_ID: optional(z.string().min(1, 'your Entra tenant id')),
    RAPPORT_TEAMS_ANONYMOUS: optional(
      z.enum(['true', 'false'], { error: 'true or false' }).transform((v) => v === 'true'),
    ),
    RAPPORT_TEAMS_ADMINS: optional(
      z
        .string()
        .regex(
          /^\s*[^\s,@]+@[^\s,@]+(\s*,\s*[^\s,@]+@[^\s,@]+)*\s*$/,
          'sign-in addresses separated by commas, such as ana@example.com,li@example.com',
        ),
    ),
    RAPPORT_TEAMS_SENDS_PER_SECOND: count('messages a second per Teams tenant', 1, 1000, 40),
    RAPPORT_SCHEDULER_TICK: z
      .string()
      .refine((v) => validCron(v), 'a cron expression such as "* * * * *" (every minute)')
      .default('* * * * *'),
    RAPPORT_DELIVERY_CONCURRENCY: count('sends in flight per process', 1, 64, 4),
    RAPPORT_DELIVERY_POLL_MS: count('milliseconds between looks at the queue', 10, 600_000, 2000),
    RAPPORT_DELIVERY_LEASE_MS: count(
      'milliseconds a claimed delivery is held',
      1000,
      3_600_000,
      60_000,
    ),
    RAPPORT_DELIVERY_MAX_ATTEMPTS: count('sends before a delivery is given up', 1, 50, 6),
    RAPPORT_SLACK_POSTS_PER_MINUTE: count('messages a minute per Slack workspace', 1, 100_000, 300),
    RAPPORT_SLACK_HISTORY_PER_MINUTE: count(
      'history reads a minute per Slack workspace',
      1,
      10_000,
      1,
    ),
    RAPPORT_INBOUND_CONCURRENCY: count('requests worked on at once per process', 1, 256, 8),
    RAPPORT_INBOUND_BACKLOG: count('requests waiting their turn before "busy"', 0, 100_000, 500),
    RAPPORT_CLOCK_FILE: optional(z.string().min(1)),
    RAPPORT_METRICS_TOKEN: optional(
      z
        .string()
        .regex(
          /^[\x21-\x7e]{16,}$/,
          'at least 16 characters without spaces, such as the output of: openssl rand -hex 32',
        ),
    ),
    RAPPORT_PUBLIC_URL: optional(
      z.url({
        protocol: /^https?$/,
        error: 'the address people reach Rapport at, such as https://rapport.example.com',
      }),
    ),
  })
  .superRefine((env, ctx) => {
    const needs = (cond: boolean, path: string, message: string) => {
      if (cond) ctx.addIssue({ code: 'custom', path: [path], message });
    };
    const slackOAuth = [env.SLACK_CLIENT_ID, env.SLACK_CLIENT_SECRET, env.SLACK_STATE_SECRET];
    const slackWanted = Boolean(
      env.SLACK_BOT_TOKEN || slackOAuth.some(Boolean) || env.SLACK_APP_TOKEN,
    );
    needs(
      slackWanted && !env.SLACK_SIGNING_SECRET,
      'SLACK_SIGNING_SECRET',
      'set whenever another SLACK_ variable is set: the signing secret from your Slack app page',
    );
    if (slackOAuth.some(Boolean)) {
      needs(
        !env.SLACK_CLIENT_ID,
        'SLACK_CLIENT_ID',
        'set too for multi-workspace install (OAuth needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET)',
      );
      needs(
        !env.SLACK_CLIENT_SECRET,
        'SLACK_CLIENT_SECRET',
        'set too for multi-workspace install (OAuth needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET)',
      );
      needs(
        !env.SLACK_STATE_SECRET,
        'SLACK_STATE_SECRET',
        'set too for multi-workspace install (OAuth needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET)',
      );
      needs(
        !env.RAPPORT_ENCRYPTION_KEY,
        'RAPPORT_ENCRYPTION_KEY',
        'set for multi-workspace install, to encrypt tokens at rest: 32 random bytes in base64 (openssl rand -base64 32)',
      );
    }
    needs(
      Boolean(env.RAPPORT_CLOCK_FILE) && env.NODE_ENV === 'production',
      'RAPPORT_CLOCK_FILE',
      'unset in production: it moves the clock, for tests only',
    );
    needs(
      Boolean(env.RAPPORT_PUBLIC_URL?.startsWith('http:')) && env.NODE_ENV === 'production',
      'RAPPORT_PUBLIC_URL',
      "an https address in production: files handed over by link carry people's data",
    );
    needs(
      Boolean(env.RAPPORT_TEAMS_ANONYMOUS) && env.NODE_ENV === 'production',
      'RAPPORT_TEAMS_ANONYMOUS',
      'unset in production: it serves /api/messages without checking who sent a request (for the Agents Playground and tests)',
    );
    needs(
      Boolean(env.MICROSOFT_APP_ID) && !env.MICROSOFT_APP_PASSWORD,
      'MICROSOFT_APP_PASSWORD',
      'set with MICROSOFT_APP_ID: the client secret of the bot registration',
    );
    needs(
      Boolean(env.MICROSOFT_APP_PASSWORD) && !env.MICROSOFT_APP_ID,
      'MICROSOFT_APP_ID',
      'set with MICROSOFT_APP_PASSWORD: the bot app id, a GUID',
    );
  });

export type Config = z.infer<typeof schema>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

/** Validates the environment; on failure returns one line naming the variable and what it expects. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const parsed = schema.safeParse(env);
  if (parsed.success) return { ok: true, config: parsed.data };
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0] ?? 'environment');
  return { ok: false, message: `Configuration error: ${name} must be ${issue.message}.` };
}

export function slackConfigured(config: Config): boolean {
  return Boolean(config.SLACK_SIGNING_SECRET && (config.SLACK_BOT_TOKEN || config.SLACK_CLIENT_ID));
}

/** Teams with credentials, or anonymously for local tools and tests. */
export function teamsConfigured(config: Config): boolean {
  return Boolean(
    (config.MICROSOFT_APP_ID && config.MICROSOFT_APP_PASSWORD) || config.RAPPORT_TEAMS_ANONYMOUS,
  );
}
