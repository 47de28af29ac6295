import type { Kysely } from 'kysely';
import {
  ensureWorkspace,
  saveSettings,
  upsertMember,
} from '../../persistence/repositories/directory';
import type { Database } from '../../persistence/schema';
import { DEFAULT_ROUND_CHANNEL } from '../../core/domain/rounds';
import { createRepositories } from '../../persistence/repositories';
import {
  DEMO_KUDOS_CHANNEL,
  DEMO_ROUND_CHANNEL,
  DEMO_WORKSPACE,
  demoMembers,
} from './demo-organisation';

/** Creates or refreshes the demo organisation; safe to run on every start. Returns its workspace id. */
export async function seedDemo(db: Kysely<Database>): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const workspaceId = await ensureWorkspace(trx, DEMO_WORKSPACE);
    await saveSettings(trx, workspaceId, {
      kudosChannelId: DEMO_KUDOS_CHANNEL,
      timezone: 'Europe/London',
    });
    const people = demoMembers();
    for (const member of people) await upsertMember(trx, workspaceId, member);
    // A weekly intro round in #coffee that most of the company has joined, the first time only:
    // who joins or leaves in the demo stays that way.
    const rounds = createRepositories(trx).rounds;
    if (!(await rounds.channel(workspaceId, DEMO_ROUND_CHANNEL))) {
      const channel = await rounds.saveChannel(workspaceId, {
        ...DEFAULT_ROUND_CHANNEL,
        channelId: DEMO_ROUND_CHANNEL,
      });
      const joined = people.filter((p) => !p.isBot && !p.externalOrg).slice(0, -3);
      for (const p of joined)
        await rounds.setParticipant(workspaceId, channel.id, p.userId, { status: 'in' });
    }
    return workspaceId;
  });
}
