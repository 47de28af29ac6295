import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';

/** One Slack installation as stored: its tokens sealed in `secret`. */
export interface InstallationRow {
  installKey: string;
  workspaceId: string;
  teamId: string | null;
  enterpriseId: string | null;
  botUserId: string | null;
  secret: string;
  botTokenExpiresAt: Date | null;
}

/**
 * Stores an installation. `installedAt` is given for an install or reinstall (what later
 * uninstall events are compared with) and left out for a token refresh, which keeps it.
 */
export async function saveInstallation(
  db: Kysely<Database>,
  installation: InstallationRow,
  installedAt: Date | null,
): Promise<void> {
  const row = {
    workspace_id: installation.workspaceId,
    team_id: installation.teamId,
    enterprise_id: installation.enterpriseId,
    bot_user_id: installation.botUserId,
    secret: installation.secret,
    bot_token_expires_at: installation.botTokenExpiresAt,
    updated_at: sql<Date>`now()`,
  };
  await db
    .insertInto('slack_installations')
    .values({
      install_key: installation.installKey,
      ...row,
      installed_at: installedAt ?? new Date(),
    })
    .onConflict((oc) =>
      oc
        .column('install_key')
        .doUpdateSet({ ...row, ...(installedAt ? { installed_at: installedAt } : {}) }),
    )
    .execute();
}

/** The sealed tokens of an installation; `lock` holds its row until the transaction ends. */
export async function installationSecret(
  db: Kysely<Database>,
  installKey: string,
  lock = false,
): Promise<string | null> {
  let query = db
    .selectFrom('slack_installations')
    .select('secret')
    .where('install_key', '=', installKey);
  if (lock) query = query.forUpdate();
  return (await query.executeTakeFirst())?.secret ?? null;
}

export async function deleteInstallation(db: Kysely<Database>, installKey: string): Promise<void> {
  await db.deleteFrom('slack_installations').where('install_key', '=', installKey).execute();
}

/** Deletes an installation made before `before`; whether there was one to delete. */
export async function deleteInstallationBefore(
  db: Kysely<Database>,
  installKey: string,
  before: Date,
): Promise<boolean> {
  const deleted = await db
    .deleteFrom('slack_installations')
    .where('install_key', '=', installKey)
    .where('installed_at', '<', before)
    .returning('install_key')
    .executeTakeFirst();
  return deleted !== undefined;
}

export async function installationExists(
  db: Kysely<Database>,
  installKey: string,
): Promise<boolean> {
  return (await installationSecret(db, installKey)) !== null;
}

/** The install keys of every current installation. */
export async function installationKeys(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('slack_installations').select('install_key').execute();
  return rows.map((r) => r.install_key);
}
