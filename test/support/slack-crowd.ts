import { systemClock } from '../../src/clock';
import { deliveryQueue } from '../../src/persistence/repositories/deliveries';
import { ensureWorkspace, upsertMember } from '../../src/persistence/repositories/directory';
import { FakeSlack } from './fake-slack';
import { sharedDatabase } from './replicas';
import { BOT_USER_ID, TEAM_ID } from './slack-team';

/**
 * A Slack workspace of `count` people with no profile fields (its directory is one page), at
 * a fake Slack that takes `token`, installed in a schema of its own on the real Postgres, for
 * the tests that run real server processes on one queue.
 */
export async function slackCrowd(count: number, token: string) {
  const fake = await FakeSlack.start();
  fake.pageSize = Math.max(1000, count);
  const people = Array.from({ length: count }, (_v, i) => ({
    id: `U${String(i).padStart(5, '0')}`,
    team_id: TEAM_ID,
    real_name: `Person ${i}`,
    tz: 'UTC',
    profile: { real_name: `Person ${i}`, fields: {} },
  }));
  fake.addTeam({ id: TEAM_ID, name: 'Acme', botUserId: BOT_USER_ID, users: people, fields: [] });
  fake.addToken(token, TEAM_ID);
  const database = await sharedDatabase();
  const workspaceId = await ensureWorkspace(database.handle.db, {
    platform: 'slack',
    externalId: TEAM_ID,
    name: 'Acme',
  });
  for (const p of people)
    await upsertMember(database.handle.db, workspaceId, { userId: p.id, name: p.real_name });
  return {
    fake,
    database,
    workspaceId,
    people,
    /** A DM to each person, due now, keyed `<prefix>:<user id>`; how many were queued. */
    queueHello: (prefix: string) =>
      deliveryQueue(database.handle.db, systemClock).enqueue(
        workspaceId,
        people.map((p) => ({
          dedupeKey: `${prefix}:${p.id}`,
          target: { type: 'member' as const, userId: p.id },
          message: { kind: 'text' as const, text: `hello ${p.id}` },
          availableAt: new Date(),
        })),
      ),
  };
}
