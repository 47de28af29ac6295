import { readFileSync } from 'node:fs';
import { CORE_JOBS } from '../../src/scheduler/jobs';
import { claimFiring, runClaimed } from '../../src/scheduler/coordinator';
import type { JobDefinition } from '../../src/scheduler/job';
import { databaseLabel } from '../support/database';
import { FakeSlack } from '../support/fake-slack';
import { LogCapture } from '../support/log-capture';
import { parsePrometheus, valueOf } from '../support/prometheus';
import { slackSignature, SIGNING_SECRET, slashCommandForm } from '../support/slack-requests';
import { BOT_USER_ID, TEAM_ID } from '../support/slack-team';
import { startBothPlatforms } from '../support/both-platforms';
import type { TeamsTestApp } from '../support/teams-app';

const TOKEN = 'metrics-token-0123456789abcdef';

describe(`GET /metrics and request ids (${databaseLabel})`, () => {
  let app: TeamsTestApp;
  let slack: FakeSlack;
  const logs = new LogCapture();

  beforeAll(async () => {
    // At debug, so that the delivery worker's 'delivery sent' lines are captured.
    ({ app, slack } = await startBothPlatforms({
      logs,
      env: { RAPPORT_METRICS_TOKEN: TOKEN, LOG_LEVEL: 'debug' },
    }));
  });
  afterAll(async () => {
    await app?.close();
    await slack?.close();
  });

  const scrape = async (authorization = `Bearer ${TOKEN}`) =>
    fetch(`${app.url}/metrics`, { headers: { authorization } });
  const metrics = async () => {
    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    return { text, ...parsePrometheus(text) };
  };

  /** A signed /kudos from Ana to Li, as Slack posts it; resolves once its answer arrived. */
  const slackKudos = async (headers: Record<string, string> = {}) => {
    const responseUrl = slack.responseUrl();
    const body = slashCommandForm({
      command: '/kudos',
      text: '<@ULI|Li Wei> thanks for the dashboards',
      responseUrl,
      triggerId: `t.${Date.now()}`,
      team: TEAM_ID,
      user: 'UANA',
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(`${app.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
        ...headers,
      },
      body,
    });
    expect(response.status).toBe(200);
    const path = new URL(responseUrl).pathname;
    await slack.waitFor(() => slack.responses.find((r) => r.path === path));
    return response;
  };

  it('counts and times requests by route and platform, and shows the queue and the pool', async () => {
    const before = await metrics();
    const { ana, li } = app.fx.people;
    await slackKudos();
    await app.post(app.activities.personalMessage(ana, ['kudos ', li, ' for the rollout']));
    await app.settled();
    const after = await metrics();

    const slackEvents = { route: '/slack/events', platform: 'slack', status: '200' };
    const teamsMessages = { route: '/api/messages', platform: 'teams', status: '200' };
    for (const labels of [slackEvents, teamsMessages])
      expect(valueOf(after, 'rapport_http_requests_total', labels)).toBeGreaterThan(
        valueOf(before, 'rapport_http_requests_total', labels),
      );
    expect(
      valueOf(after, 'rapport_http_request_duration_seconds_count', {
        route: '/slack/events',
        platform: 'slack',
      }),
    ).toBeGreaterThan(0);
    for (const platform of ['slack', 'teams'])
      expect(valueOf(after, 'rapport_ack_duration_seconds_count', { platform })).toBeGreaterThan(
        valueOf(before, 'rapport_ack_duration_seconds_count', { platform }),
      );
    // The scrape before this one was counted as the server's own route.
    expect(
      valueOf(after, 'rapport_http_requests_total', { route: '/metrics', platform: 'none' }),
    ).toBeGreaterThan(0);

    // Li's notes, one per platform, went through the queue and were sent.
    expect(valueOf(after, 'rapport_deliveries', { state: 'sent', platform: 'slack' })).toBe(
      await sentOn('slack'),
    );
    expect(valueOf(after, 'rapport_deliveries', { state: 'sent', platform: 'teams' })).toBe(
      await sentOn('teams'),
    );
    expect(valueOf(after, 'rapport_deliveries', { state: 'dead', platform: 'slack' })).toBe(0);
    expect(after.types.get('rapport_queue_due')).toBe('gauge');
    expect(valueOf(after, 'rapport_queue_due')).toBe(0);
    expect(valueOf(after, 'rapport_queue_oldest_due_age_seconds')).toBe(0);
    expect(valueOf(after, 'rapport_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    expect(after.types.get('process_cpu_seconds_total')).toBe('counter');
  });

  const sentOn = async (platform: 'slack' | 'teams') => {
    const row = await app.db
      .selectFrom('deliveries as d')
      .innerJoin('workspaces as w', 'w.id', 'd.workspace_id')
      .where('w.platform', '=', platform)
      .where('d.status', '=', 'sent')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(row.n)).toBeGreaterThan(0);
    return Number(row.n);
  };

  it('shows a delivery due and how long it has waited', async () => {
    const workspaceId = await app.workspaceId();
    const due = new Date(app.clock.now().getTime() - 90_000);
    await app.queue!.worker.stop();
    const pending = { state: 'pending', platform: 'teams' };
    const before = valueOf(await metrics(), 'rapport_deliveries', pending);
    try {
      await app.db
        .insertInto('deliveries')
        .values({
          workspace_id: workspaceId,
          dedupe_key: 'metrics-test-due',
          target: JSON.stringify({ type: 'member', userId: app.fx.people.li.aadObjectId }),
          message: JSON.stringify({ kind: 'kudos_prompt', values: [] }),
          status: 'pending',
          available_at: due,
          next_attempt_at: due,
          created_at: due,
        })
        .execute();
      const now = await metrics();
      expect(valueOf(now, 'rapport_queue_due')).toBe(1);
      expect(valueOf(now, 'rapport_queue_oldest_due_age_seconds')).toBeGreaterThanOrEqual(90);
      expect(valueOf(now, 'rapport_deliveries', pending)).toBe(before + 1);
    } finally {
      await app.db.deleteFrom('deliveries').where('dedupe_key', '=', 'metrics-test-due').execute();
      app.queue!.worker.start();
    }
  });

  it('counts job runs and times them, by job and outcome', async () => {
    const ctx = { ...app.jobContext(), metrics: app.server.metrics.jobs };
    const retention = CORE_JOBS.find((j) => j.name === 'retention')!;
    const broken: JobDefinition = {
      name: 'broken',
      description: 'fails, for this test',
      catchUpMs: 0,
      firings: async () => [],
      run: async () => {
        throw new Error('broken on purpose');
      },
    };
    for (const job of [retention, broken]) {
      const firing = { scope: 'global', slot: new Date() };
      expect(await claimFiring(ctx, job.name, firing, 'metrics-test')).toBe(true);
      await runClaimed(ctx, job, firing, 'metrics-test');
    }
    const after = await metrics();
    expect(valueOf(after, 'rapport_job_runs_total', { job: 'retention', outcome: 'done' })).toBe(1);
    expect(valueOf(after, 'rapport_job_runs_total', { job: 'broken', outcome: 'failed' })).toBe(1);
    expect(valueOf(after, 'rapport_job_duration_seconds_count', { job: 'retention' })).toBe(1);
  });

  it('exposes no person, workspace or channel, and no token', async () => {
    const { text, samples } = await metrics();
    const workspaces = await app.db
      .selectFrom('workspaces')
      .select(['id', 'external_id'])
      .execute();
    const members = await app.db.selectFrom('members').select(['user_id', 'name']).execute();
    const secrets = [
      ...workspaces.flatMap((w) => [w.id, w.external_id]),
      ...members.flatMap((m) => [m.user_id, m.name]),
      app.fx.team.general.id,
      'CGENERAL',
      'xoxb-acme-single',
      TOKEN,
    ].filter((s): s is string => Boolean(s));
    expect(secrets.length).toBeGreaterThan(10);
    // The HELP lines are fixed sentences (which say "Rapport", as the bot is named); the rest is data.
    const data = text
      .split('\n')
      .filter((line) => !line.startsWith('# HELP'))
      .join('\n');
    for (const secret of secrets) expect(data).not.toContain(secret);
    const labelNames = new Set(samples.flatMap((s) => Object.keys(s.labels)));
    for (const name of labelNames)
      expect(
        ['route', 'platform', 'status', 'state', 'job', 'outcome', 'le', 'quantile'].concat(
          // prom-client's own process metrics.
          ['type', 'kind', 'space', 'version', 'major', 'minor', 'patch'],
        ),
      ).toContain(name);
  });

  it('answers only a scraper with the token, when one is set', async () => {
    for (const authorization of ['', 'Bearer wrong-token-0123456789', `Basic ${TOKEN}`, TOKEN]) {
      const response = await scrape(authorization);
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain('rapport_');
    }
    expect((await scrape()).status).toBe(200);
  });

  it('gives each request an id, logs it on lines written after the acknowledgement, and keeps it on what it queued', async () => {
    const response = await slackKudos({ 'x-request-id': 'test-123' });
    expect(response.headers.get('x-request-id')).toBe('test-123');
    await app.settled();
    const queued = await app.db
      .selectFrom('deliveries')
      .select(['request_id', 'member_ids'])
      .where('request_id', '=', 'test-123')
      .execute();
    expect(queued.map((d) => d.member_ids)).toContainEqual(['ULI']);
    // The worker sends it later, outside the request, and still names the request on its line.
    const sent = await logs.waitFor((l) => l.msg === 'delivery sent' && l.requestId === 'test-123');
    expect(sent.platform).toBe('slack');

    // A line logged by a listener, after the acknowledgement: Slack's event sent again.
    const event = { type: 'app_home_opened', user: 'UANA', tab: 'messages', channel: 'DUANA' };
    const first = await signedEvent(event, 'EvMETRICS1', 'test-first');
    expect(first.status).toBe(200);
    await app.server.adapter('slack')!.idle();
    expect((await signedEvent(event, 'EvMETRICS1', 'test-again')).status).toBe(200);
    const duplicate = await logs.waitFor((l) => l.msg === 'duplicate Slack event ignored');
    expect(duplicate.requestId).toBe('test-again');
    const lines = logs.lines.filter((l) => l.requestId === 'test-again');
    expect(lines.length).toBeGreaterThan(0);

    // An id that could forge a log line or a header is replaced.
    const odd = await signedEvent(event, 'EvMETRICS2', 'two words');
    expect(odd.headers.get('x-request-id')).toMatch(/^[\w.-]{1,64}$/);
    expect(odd.headers.get('x-request-id')).not.toBe('two words');
  });

  const signedEvent = (event: Record<string, unknown>, eventId: string, requestId: string) => {
    const body = JSON.stringify({
      token: 'legacy-verification-token',
      team_id: TEAM_ID,
      api_app_id: 'A0RAPPORT',
      event: { event_ts: `${Math.floor(Date.now() / 1000)}.000100`, ...event },
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [
        { team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false },
      ],
    });
    const timestamp = Math.floor(Date.now() / 1000);
    return fetch(`${app.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
        'x-request-id': requestId,
      },
      body,
    });
  };

  it('has a Grafana dashboard that charts exactly the metrics served', async () => {
    const { types } = await metrics();
    const dashboard = JSON.parse(readFileSync('docs/grafana-dashboard.json', 'utf8'));
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ type: 'datasource', query: 'prometheus' }),
    );
    const exprs: string[] = JSON.stringify(dashboard.panels).match(/"expr":"(?:[^"\\]|\\.)*"/g)!;
    expect(exprs.length).toBeGreaterThan(5);
    const used = new Set(
      exprs
        .flatMap((e) => e.match(/\b(?:rapport|process|nodejs)_\w+/g) ?? [])
        .map((name) =>
          name.replace(/_(bucket|sum|count)$/, (suffix, _s, offset: number) =>
            types.get(name.slice(0, offset)) === 'histogram' ? '' : suffix,
          ),
        ),
    );
    for (const name of used) expect([...types.keys()]).toContain(name);
    const ours = [...types.keys()].filter((n) => n.startsWith('rapport_'));
    expect(ours.length).toBeGreaterThanOrEqual(9);
    for (const name of ours) expect([...used]).toContain(name);
  });
});
