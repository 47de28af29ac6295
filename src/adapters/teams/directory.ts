import type { Kysely } from 'kysely';
import type { Logger } from '../../logger';
import {
  hasAdmin,
  knownMemberIds,
  markDeparted,
  upsertMember,
  type MemberInput,
} from '../../persistence/repositories/directory';
import type { Database } from '../../persistence/schema';
import { memberOf, pagedMembers, type ConnectorFor, type TeamsAccount } from './connector';
import type { TeamsStore, TeamsUser } from './store';

export interface TeamsDirectory {
  db: Kysely<Database>;
  store: TeamsStore;
  connectorFor: ConnectorFor;
  logger: Logger;
  /** Sign-in names or addresses of people who administer Rapport in every tenant. */
  admins: Set<string>;
  /** Milliseconds between roster pages. */
  pageIntervalMs: number;
  signal?: AbortSignal;
}

const pause = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : undefined);

/** A person's Entra object id, whichever name Teams gives it. */
export const objectIdOf = (a: TeamsAccount) => a.aadObjectId ?? a.objectId ?? null;

/** A roster entry as a member; guests, and people from another tenant, are not of the organisation. */
function memberFrom(
  a: TeamsAccount,
  userId: string,
  tenantId: string,
  admin: boolean,
): MemberInput {
  const foreign = a.tenantId && a.tenantId !== tenantId ? a.tenantId : null;
  return {
    userId,
    name: a.name?.trim() || a.userPrincipalName || a.email || userId,
    externalOrg: foreign ?? (a.userRole === 'guest' ? 'guest' : null),
    isBot: false,
    isDeactivated: false,
    // Teams says nothing of roles in the roster: an admin stays one until removed here.
    ...(admin && { isAdmin: true }),
  };
}

/** Stores people Teams listed: as members, and how to address them. */
export async function saveAccounts(
  dir: TeamsDirectory,
  workspaceId: string,
  tenantId: string,
  accounts: TeamsAccount[],
): Promise<TeamsUser[]> {
  const users: TeamsUser[] = [];
  for (const a of accounts) {
    const userId = objectIdOf(a);
    // Bots and Teams' other non-people have no Entra object id: they are never members.
    if (!userId || !a.id) continue;
    const names = [a.userPrincipalName, a.email].filter(Boolean).map((n) => n!.toLowerCase());
    const admin = names.some((n) => dir.admins.has(n));
    // Someone who asked to be forgotten is not stored again, nor how Teams addresses them.
    if (!(await upsertMember(dir.db, workspaceId, memberFrom(a, userId, tenantId, admin))))
      continue;
    users.push({
      userId,
      teamsId: a.id,
      upn: a.userPrincipalName ?? null,
      email: a.email ?? null,
    });
  }
  await dir.store.rememberUsers(workspaceId, users);
  return users;
}

// One read per team at a time in this process: an install says so twice, and both join one read.
const reading = new Map<string, Promise<number>>();

/** Reads a team's (or a group chat's) members page by page; returns how many were seen. */
export function readRoster(
  dir: TeamsDirectory,
  workspaceId: string,
  tenantId: string,
  serviceUrl: string,
  conversationId: string,
): Promise<number> {
  const key = `${workspaceId}/${conversationId}`;
  const underway = reading.get(key);
  if (underway) return underway;
  const read = readPages(dir, workspaceId, tenantId, serviceUrl, conversationId).finally(() =>
    reading.delete(key),
  );
  reading.set(key, read);
  return read;
}

async function readPages(
  dir: TeamsDirectory,
  workspaceId: string,
  tenantId: string,
  serviceUrl: string,
  conversationId: string,
): Promise<number> {
  const client = await dir.connectorFor(serviceUrl);
  let token: string | undefined;
  let seen = 0;
  do {
    if (dir.signal?.aborted) throw new Error(`roster read stopped after ${seen} members`);
    const page = await pagedMembers(client, conversationId, token);
    seen += (await saveAccounts(dir, workspaceId, tenantId, page.members)).length;
    token = page.continuationToken;
    if (token) await pause(dir.pageIntervalMs);
  } while (token);
  dir.logger.info({ workspaceId, conversationId, members: seen }, 'Teams roster read');
  return seen;
}

/**
 * The Rapport ids of people Teams names by its own ids (mentions, a new member), asking the
 * conversation about anyone not seen before. Someone Teams does not know there is left out.
 */
/** Of these Teams ids, those of nobody in the workspace's directory yet. */
export async function unknownTeamsIds(
  dir: TeamsDirectory,
  workspaceId: string,
  teamsIds: string[],
): Promise<string[]> {
  const known = await dir.store.users(workspaceId, teamsIds, 'teamsId');
  const present = new Set(
    await knownMemberIds(
      dir.db,
      workspaceId,
      known.map((u) => u.userId),
    ),
  );
  const members = new Set(known.filter((u) => present.has(u.userId)).map((u) => u.teamsId));
  return teamsIds.filter((id) => !members.has(id));
}

export async function userIdsOf(
  dir: TeamsDirectory,
  workspace: { id: string; tenantId: string },
  where: { serviceUrl: string; conversationId: string },
  teamsIds: string[],
  options: { reread?: boolean } = {},
): Promise<Map<string, string>> {
  const ids = [...new Set(teamsIds)];
  const known = await dir.store.users(workspace.id, ids, 'teamsId');
  const found = new Map(known.map((u) => [u.teamsId, u.userId]));
  // A known id whose member row is gone (never expected) is asked about again.
  const present = new Set(await knownMemberIds(dir.db, workspace.id, [...found.values()]));
  const missing = options.reread ? ids : ids.filter((id) => !present.has(found.get(id) ?? ''));
  if (missing.length === 0) return found;
  const client = await dir.connectorFor(where.serviceUrl);
  for (const teamsId of missing) {
    const account = await memberOf(client, where.conversationId, teamsId);
    if (!account) continue;
    const [user] = await saveAccounts(dir, workspace.id, workspace.tenantId, [account]);
    if (user) found.set(teamsId, user.userId);
  }
  return found;
}

/** The person who installed Rapport runs it, when nobody does yet. */
export async function firstAdmin(dir: TeamsDirectory, workspaceId: string, userId: string) {
  if (await hasAdmin(dir.db, workspaceId)) return;
  await upsertAdmin(dir, workspaceId, userId);
}

async function upsertAdmin(dir: TeamsDirectory, workspaceId: string, userId: string) {
  await dir.db
    .updateTable('members')
    // Granted, as an admin would grant it: another admin can take it back.
    .set({ admin_granted: true })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
  dir.logger.info({ workspaceId, userId }, 'first Teams installer made an admin');
}

/** People who left a team: no longer met, nudged or messaged (until they are seen again). */
export async function departed(dir: TeamsDirectory, workspaceId: string, teamsIds: string[]) {
  const users = await dir.store.users(workspaceId, teamsIds, 'teamsId');
  await markDeparted(
    dir.db,
    workspaceId,
    users.map((u) => u.userId),
  );
}
