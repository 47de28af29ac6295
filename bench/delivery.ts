/**
 * Drains 10,000 queued DMs for one workspace against a fake Slack that enforces Slack's
 * published limits for chat.postMessage (a workspace cap, and about one a second per
 * conversation), and reports the time against the fastest those limits allow, and the 429s.
 *
 *   npm run bench:delivery -- [--messages 10000] [--scale 10] [--pace 1.0] [--workers 3]
 *
 * Slack's workspace cap is "several hundred a minute"; the bench takes 600 a minute and
 * multiplies every limit (and Rapport's pacing) by --scale, so a run takes minutes, not hours;
 * the ratio to the fastest possible time does not depend on the scale.
 * BENCH_DATABASE_URL runs it on that Postgres instead of the embedded database.
 */
import { sql } from 'kysely';
import { slackSender } from '../src/adapters/slack/sender';
import { systemClock } from '../src/clock';
import { deliveryWorker } from '../src/delivery/worker';
import { createLogger } from '../src/logger';
import { openDatabase } from '../src/persistence/database';
import { migrateToLatest } from '../src/persistence/migrate';
import { deliveryQueue } from '../src/persistence/repositories/deliveries';
import { ensureWorkspace } from '../src/persistence/repositories/directory';
import { FakeSlack } from '../test/support/fake-slack';
import { composerFor } from '../test/support/composer';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

async function main() {
  const messages = arg('messages', 10_000);
  const scale = arg('scale', 10);
  const pace = arg('pace', 1);
  const workers = arg('workers', 3);
  const slackPerMinute = 600 * scale;

  const fake = await FakeSlack.start();
  const users = Array.from({ length: messages }, (_v, i) => ({ id: `U${i}`, team_id: 'T0BENCH' }));
  fake.addTeam({ id: 'T0BENCH', name: 'Bench', botUserId: 'UBOT', users, fields: [] });
  fake.addToken('xoxb-bench', 'T0BENCH');
  fake.limiter.limits.push(
    { method: 'chat.postMessage', calls: slackPerMinute, windowMs: 60_000 },
    { method: 'chat.postMessage', calls: scale, windowMs: 1000, perChannel: true },
  );

  const schema = `rapport_bench_${process.pid}`;
  const database = await openDatabase(
    process.env.BENCH_DATABASE_URL
      ? { url: process.env.BENCH_DATABASE_URL, schema }
      : { dataDir: 'memory://' },
  );
  await migrateToLatest(database.db);
  const workspaceId = await ensureWorkspace(database.db, {
    platform: 'slack',
    externalId: 'T0BENCH',
    name: 'Bench',
  });
  const queue = deliveryQueue(database.db, systemClock);
  for (let i = 0; i < messages; i += 1000) {
    const batch = users.slice(i, i + 1000);
    await database.db
      .insertInto('members')
      .values(batch.map((u) => ({ workspace_id: workspaceId, user_id: u.id, name: u.id })))
      .execute();
    await queue.enqueue(
      workspaceId,
      batch.map((u) => ({
        dedupeKey: `bench:${u.id}`,
        target: { type: 'member' as const, userId: u.id },
        message: { kind: 'text' as const, text: 'hello' },
        availableAt: new Date(),
      })),
    );
  }

  const sender = slackSender(
    async () => 'xoxb-bench',
    { slackApiUrl: fake.apiUrl },
    {
      postsPerMinute: slackPerMinute * pace,
      historyPerMinute: 60,
    },
  );
  const started = Date.now();
  const running = Array.from({ length: workers }, (_v, i) =>
    deliveryWorker({
      db: database.db,
      clock: systemClock,
      compose: composerFor(database.db, systemClock),
      senders: { slack: sender },
      logger: createLogger('silent'),
      workerId: `bench-${i}`,
      concurrency: 8,
      pollMs: 50,
      leaseMs: 60_000,
      maxAttempts: 6,
    }),
  );
  running.forEach((w) => w.start());
  let peakRss = 0;
  while (fake.messages.length < messages) {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    await new Promise((r) => setTimeout(r, 250));
  }
  const seconds = (Date.now() - started) / 1000;
  await Promise.all(running.map((w) => w.stop()));
  const fastest = messages / (slackPerMinute / 60);
  const distinct = new Set(fake.messages.map((m) => m.metadata?.event_payload.delivery)).size;
  console.log(
    JSON.stringify(
      {
        database: database.kind,
        messages,
        slackLimitPerMinute: slackPerMinute,
        pacing: `${Math.round(pace * 100)}% of the limit`,
        workers,
        seconds: Math.round(seconds * 10) / 10,
        fastestPossibleSeconds: Math.round(fastest * 10) / 10,
        ratio: Math.round((seconds / fastest) * 100) / 100,
        rateLimited429s: fake.limiter.rejected,
        delivered: fake.messages.length,
        distinctDeliveries: distinct,
        peakRssMb: Math.round(peakRss / 1024 / 1024),
      },
      null,
      2,
    ),
  );
  if (database.kind === 'postgres')
    await sql.raw(`drop schema ${schema} cascade`).execute(database.db);
  await database.close();
  await fake.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
