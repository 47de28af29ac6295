import type { Kysely } from 'kysely';
import {
  ensureWorkspace,
  saveSettings,
  setOptedOut,
  upsertMember,
} from '../../src/persistence/repositories/directory';
import type { Database } from '../../src/persistence/schema';

/**
 * A small workspace with one person of every sort the kudos rules care about:
 * ana (Product, Singapore) gives; li (Engineering) reports to sam; ben is ana's peer in Product
 * and reports to her; kim is from a partner company; plus a bot, a deactivated and an opted-out member.
 */
export async function seedSmallOrganisation(
  db: Kysely<Database>,
  externalId = 'T-SMALL',
): Promise<string> {
  const workspaceId = await ensureWorkspace(db, {
    platform: 'slack',
    externalId,
    name: 'Small Co',
  });
  await saveSettings(db, workspaceId, { kudosChannelId: 'C-KUDOS', timezone: 'Europe/London' });
  const people = [
    { userId: 'ana', name: 'Ana Silva', department: 'Product', timezone: 'Asia/Singapore' },
    { userId: 'sam', name: 'Sam Okafor', department: 'Engineering', timezone: 'Europe/London' },
    {
      userId: 'li',
      name: 'Li Wei',
      department: 'Engineering',
      managerId: 'sam',
      timezone: 'Asia/Singapore',
    },
    { userId: 'jo', name: 'Jo Park', department: 'Engineering', timezone: 'America/New_York' },
    {
      userId: 'ben',
      name: 'Ben Carter',
      department: 'Product',
      managerId: 'ana',
      timezone: 'America/New_York',
    },
    { userId: 'eve', name: 'Eve Moreau', department: 'Product', timezone: 'Europe/Paris' },
    { userId: 'pat', name: 'Pat Quinn', department: 'Finance', timezone: 'Europe/London' },
    { userId: 'kim', name: 'Kim Lee', externalOrg: 'Acme Partners', timezone: 'America/New_York' },
    { userId: 'bot', name: 'Helper Bot', isBot: true },
    { userId: 'gone', name: 'Former Colleague', department: 'Finance', isDeactivated: true },
    { userId: 'quiet', name: 'Quiet Person', department: 'Finance' },
  ];
  for (const person of people) await upsertMember(db, workspaceId, person);
  await setOptedOut(db, workspaceId, 'quiet', true);
  return workspaceId;
}

/** A past interaction between two members, as the features that record them would have. */
export function seedInteraction(
  db: Kysely<Database>,
  workspaceId: string,
  pair: [string, string],
  at: Date,
  source = 'round',
) {
  const [a, b] = pair;
  return db
    .insertInto('interactions')
    .values({
      workspace_id: workspaceId,
      member_id: a,
      other_member_id: b,
      kind: 'peer',
      source,
      source_ref: `seed:${a}:${b}:${source}:${at.toISOString()}`,
      occurred_at: at,
    })
    .execute();
}
