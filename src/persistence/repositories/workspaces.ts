import { sql, type Kysely } from 'kysely';
import type { Platform } from '../../core/domain/member';
import type { WorkspaceRepository } from '../../core/ports';
import type { Database } from '../schema';

export interface InstalledWorkspace {
  id: string;
  externalId: string;
}

/** The workspace with this platform id, if it is installed now; a read, never an insert. */
export async function installedWorkspace(
  db: Kysely<Database>,
  platform: Platform,
  externalId: string,
): Promise<InstalledWorkspace | null> {
  const row = await db
    .selectFrom('workspaces')
    .select(['id', 'external_id'])
    .where('platform', '=', platform)
    .where('external_id', '=', externalId)
    .where('uninstalled_at', 'is', null)
    .executeTakeFirst();
  return row ? { id: row.id, externalId: row.external_id } : null;
}

/** The same, by Rapport's own workspace id. */
export async function installedWorkspaceById(
  db: Kysely<Database>,
  id: string,
): Promise<InstalledWorkspace | null> {
  const row = await db
    .selectFrom('workspaces')
    .select(['id', 'external_id'])
    .where('id', '=', id)
    .where('uninstalled_at', 'is', null)
    .executeTakeFirst();
  return row ? { id: row.id, externalId: row.external_id } : null;
}

/**
 * Records an install (or a reinstall, which starts the workspace's work again) and returns the
 * workspace's id. Only an install may create a workspace. Without a name, the workspace keeps
 * the one it has (a new one is named after its id until Slack says more).
 */
export async function markWorkspaceInstalled(
  db: Kysely<Database>,
  platform: Platform,
  externalId: string,
  name?: string,
): Promise<string> {
  const row = await db
    .insertInto('workspaces')
    .values({ platform, external_id: externalId, name: name || externalId })
    .onConflict((oc) =>
      oc.columns(['platform', 'external_id']).doUpdateSet({
        name: name ? name : sql`workspaces.name`,
        uninstalled_at: null,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Stops a workspace's work from `at` (the first uninstall event wins); returns its id, or null
 * when there is no such workspace, which an uninstall never creates.
 */
export async function markWorkspaceUninstalled(
  db: Kysely<Database>,
  platform: Platform,
  externalId: string,
  at: Date,
): Promise<string | null> {
  const row = await db
    .updateTable('workspaces')
    .set({ uninstalled_at: sql`coalesce(uninstalled_at, ${at})` })
    .where('platform', '=', platform)
    .where('external_id', '=', externalId)
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** A workspace named by its platform id (a Slack team) or by Rapport's own id. */
export async function findWorkspace(db: Kysely<Database>, idOrExternal: string) {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrExternal);
  const row = await db
    .selectFrom('workspaces')
    .select('id')
    .where((eb) =>
      uuid
        ? eb.or([eb('external_id', '=', idOrExternal), eb('id', '=', idOrExternal)])
        : eb('external_id', '=', idOrExternal),
    )
    .executeTakeFirst();
  return row?.id ?? null;
}

export function workspaceRepository(db: Kysely<Database>): WorkspaceRepository {
  return {
    async platformOf(workspaceId) {
      const row = await db
        .selectFrom('workspaces')
        .select('platform')
        .where('id', '=', workspaceId)
        .executeTakeFirstOrThrow();
      return row.platform;
    },
  };
}
