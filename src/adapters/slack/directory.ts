import type { WebClient } from '@slack/web-api';
import type { Kysely } from 'kysely';
import type { Logger } from '../../logger';
import {
  saveSettings,
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
}

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

/** The profile field that holds departments: the admin's choice, else one labelled "Department". */
export async function departmentField(
  ctx: DirectoryContext,
  client: WebClient,
  workspaceId: string,
): Promise<string | null> {
  const chosen = await ctx.db
    .selectFrom('workspace_settings')
    .select('department_field_id')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (chosen?.department_field_id) return chosen.department_field_id;
  try {
    const result = (await client.team.profile.get()) as {
      profile?: { fields?: Array<{ id: string; label: string }> };
    };
    const field = result.profile?.fields?.find((f) => /^\s*department\s*$/i.test(f.label));
    if (field) await saveSettings(ctx.db, workspaceId, { departmentFieldId: field.id });
    return field?.id ?? null;
  } catch (error) {
    ctx.logger.warn(
      { err: error, workspaceId },
      'could not read the profile fields; departments come from members',
    );
    return null;
  }
}

export async function saveSlackUser(
  ctx: DirectoryContext,
  workspaceId: string,
  teamId: string,
  user: SlackUser,
  fieldId: string | null,
) {
  await upsertMember(ctx.db, workspaceId, memberFromSlackUser(user, teamId, fieldId));
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
      await saveSlackUser(ctx, workspaceId, teamId, user, fieldId);
      seen += 1;
    }
    cursor = page.response_metadata?.next_cursor || undefined;
    if (cursor && ctx.pageIntervalMs > 0)
      await new Promise((r) => setTimeout(r, ctx.pageIntervalMs));
  } while (cursor);
  ctx.logger.info({ workspaceId, members: seen }, 'directory synced');
  return seen;
}

/** Makes sure the named people are in the directory, asking Slack about any we have not seen. */
export async function ensureMembers(
  ctx: DirectoryContext,
  client: WebClient,
  workspaceId: string,
  teamId: string,
  userIds: string[],
): Promise<void> {
  if (userIds.length === 0) return;
  const known = await ctx.db
    .selectFrom('members')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds)
    .execute();
  const missing = userIds.filter((id) => !known.some((k) => k.user_id === id));
  if (missing.length === 0) return;
  const fieldId = await departmentField(ctx, client, workspaceId);
  for (const id of missing) {
    try {
      const { user } = await client.users.info({ user: id });
      if (user) await saveSlackUser(ctx, workspaceId, teamId, user as SlackUser, fieldId);
    } catch (error) {
      // An id Slack refuses (user_not_found, a malformed id) stays unknown, and the use case
      // then says so politely; rate limits and outages still fail loudly.
      if ((error as { code?: string }).code !== 'slack_webapi_platform_error') throw error;
    }
  }
}
