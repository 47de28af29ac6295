import type { Kysely } from 'kysely';
import {
  ensureWorkspace,
  saveSettings,
  upsertMember,
} from '../../persistence/repositories/directory';
import type { Database } from '../../persistence/schema';
import { DEMO_KUDOS_CHANNEL, DEMO_WORKSPACE, demoMembers } from './demo-organisation';

/** Creates or refreshes the demo organisation; safe to run on every start. Returns its workspace id. */
export async function seedDemo(db: Kysely<Database>): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const workspaceId = await ensureWorkspace(trx, DEMO_WORKSPACE);
    await saveSettings(trx, workspaceId, {
      kudosChannelId: DEMO_KUDOS_CHANNEL,
      timezone: 'Europe/London',
    });
    for (const member of demoMembers()) await upsertMember(trx, workspaceId, member);
    return workspaceId;
  });
}
