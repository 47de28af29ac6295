import type { WebClient } from '@slack/web-api';
import type { Kysely } from 'kysely';
import type { Logger } from '../../logger';
import {
  chosenDepartmentField,
  knownMemberIds,
  upsertMember,
  type MemberInput,
} from '../../persistence/repositories/directory';
import type { Database } from '../../persistence/schema';

/** The parts of a Slack user object that Rapport reads. */
export interface SlackUser {
  id: string;
  team_id?: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_app_user?: boolean;
  is_admin?: boolean;
  is_owner?: boolean;
  tz?: string;
  profile?: {
    real_name?: string;
    display_name?: string;
    title?: string;
    team?: string;
    fields?: Record<string, { value?: string } | undefined> | null;
  };
}

export interface DirectoryContext {
  db: Kysely<Database>;
  logger: Logger;
  /** Milliseconds between users.list pages (Tier 2: about 20 a minute). */
  pageIntervalMs: number;
  /** Milliseconds between users.profile.get calls (Tier 4: about 100 a minute). */
  profileIntervalMs: number;
  /** Department fields found by label, per workspace, with when they were looked up. */
  detectedFields: Map<string, { id: string | null; at: number }>;
  /** Aborted at shutdown: a sync stops at its next person. */
  signal?: AbortSignal;
}

const pause = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : undefined);

export function memberFromSlackUser(
  user: SlackUser,
  teamId: string,
  departmentFieldId: string | null,
): MemberInput {
  const department = departmentFieldId
    ? user.profile?.fields?.[departmentFieldId]?.value?.trim()
    : undefined;
  const home = user.team_id ?? user.profile?.team;
  return {
    userId: user.id,
    name:
      user.profile?.real_name ||
      user.real_name ||
      user.profile?.display_name ||
      user.name ||
      user.id,
    title: user.profile?.title?.trim() || null,
    timezone: user.tz || 'UTC',
    externalOrg: home && home !== teamId && !home.startsWith('E') ? home : null,
    isBot: Boolean(user.is_bot || user.is_app_user || user.id === 'USLACKBOT'),
    isAdmin: Boolean(user.is_admin || user.is_owner),
    isDeactivated: Boolean(user.deleted),
    ...(department ? { department } : {}),
  };
}

const UNKNOWN_USER_ERRORS = new Set(['user_not_found', 'user_not_visible', 'invalid_user']);

const DETECTION_TTL_MS = 60 * 60 * 1000;

/**
 * The profile field that holds departments: the admin's choice, else a field labelled
 * "Department" if the workspace has one. Detection is cached for an hour per workspace, so
 * directory events do not each cost a call.
 */
export async function departmentField(
  ctx: DirectoryContext,
  client: WebClient,
  workspaceId: string,
): Promise<string | null> {
  const chosen = await chosenDepartmentField(ctx.db, workspaceId);
  if (chosen) return chosen;
  const cached = ctx.detectedFields.get(workspaceId);
  if (cached && Date.now() - cached.at < DETECTION_TTL_MS) return cached.id;
  const fields = await profileFields(ctx, client, workspaceId);
  const id = fields?.find((f) => /^\s*departments?\s*$/i.test(f.label))?.id ?? null;
  if (fields) ctx.detectedFields.set(workspaceId, { id, at: Date.now() });
  return id;
}

/** The workspace's custom profile fields; null when Slack would not say. */
export async function profileFields(
  ctx: DirectoryContext,
  client: WebClient,
  workspaceId: string,
): Promise<Array<{ id: string; label: string }> | null> {
  try {
    const result = (await client.team.profile.get()) as {
      profile?: { fields?: Array<{ id: string; label: string }> };
    };
    return result.profile?.fields ?? [];
  } catch (error) {
    ctx.logger.warn(
      { err: error, workspaceId },
      'could not read the profile fields; departments come from members',
    );
    return null;
  }
}

/**
 * Stores a Slack user. users.list and users.info leave custom profile fields out, so when a
 * department field is in use and the payload lacks it, the profile is read for it.
 */
export async function saveSlackUser(
  ctx: DirectoryContext,
  client: WebClient,
  workspaceId: string,
  teamId: string,
  user: SlackUser,
  fieldId: string | null,
): Promise<void> {
  let full = user;
  if (fieldId && !user.profile?.fields && !user.deleted && !user.is_bot) {
    const { profile } = await client.users.profile.get({ user: user.id });
    full = { ...user, profile: { ...user.profile, fields: (profile?.fields as never) ?? {} } };
    await pause(ctx.profileIntervalMs);
  }
  await upsertMember(ctx.db, workspaceId, memberFromSlackUser(full, teamId, fieldId));
}

/** Pages through users.list at its rate tier and stores everyone; returns how many were seen. */
export async function syncDirectory(
  ctx: DirectoryContext,
  client: WebClient,
  workspaceId: string,
  teamId: string,
): Promise<number> {
  const fieldId = await departmentField(ctx, client, workspaceId);
  let cursor: string | undefined;
  let seen = 0;
  do {
    const page = await client.users.list({ limit: 200, ...(cursor ? { cursor } : {}) });
    for (const user of (page.members ?? []) as SlackUser[]) {
      // Shutting down: the firing fails, and another replica runs it again.
      if (ctx.signal?.aborted) throw new Error(`directory sync stopped after ${seen} members`);
      await saveSlackUser(ctx, client, workspaceId, teamId, user, fieldId);
      seen += 1;
    }
    cursor = page.response_metadata?.next_cursor || undefined;
    if (cursor) await pause(ctx.pageIntervalMs);
  } while (cursor);
  ctx.logger.info({ workspaceId, members: seen }, 'directory synced');
  return seen;
}

/**
 * Makes sure the named people are in the directory, asking Slack about any we have not seen.
 * The client is made only then: most requests name people already known.
 */
export async function ensureMembers(
  ctx: DirectoryContext,
  clientFor: () => Promise<WebClient>,
  workspaceId: string,
  teamId: string,
  userIds: string[],
): Promise<void> {
  if (userIds.length === 0) return;
  const known = new Set(await knownMemberIds(ctx.db, workspaceId, userIds));
  const missing = userIds.filter((id) => !known.has(id));
  if (missing.length === 0) return;
  const client = await clientFor();
  const fieldId = await departmentField(ctx, client, workspaceId);
  for (const id of missing) {
    try {
      const { user } = await client.users.info({ user: id });
      if (user) await saveSlackUser(ctx, client, workspaceId, teamId, user as SlackUser, fieldId);
    } catch (error) {
      // An id Slack does not know stays unknown, and the use case then says so politely; a bad
      // token, rate limits and outages still fail loudly.
      if (!UNKNOWN_USER_ERRORS.has((error as { data?: { error?: string } }).data?.error ?? ''))
        throw error;
    }
  }
}
