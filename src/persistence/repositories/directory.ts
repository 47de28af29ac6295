import { sql, type Kysely } from 'kysely';
import { DEFAULT_KUDOS_VALUES } from '../../core/domain/kudos';
import type { Platform } from '../../core/domain/member';
import type { WeeklyHabit } from '../../core/domain/settings';
import type { Database } from '../schema';
import { isForgotten } from './member-data/forgotten';

export interface WorkspaceInput {
  platform: Platform;
  externalId: string;
  name: string;
}

export interface MemberInput {
  userId: string;
  name: string;
  department?: string | null;
  title?: string | null;
  managerId?: string | null;
  timezone?: string;
  externalOrg?: string | null;
  isBot?: boolean;
  isAdmin?: boolean;
  isDeactivated?: boolean;
  joinedAt?: Date;
}

export interface SettingsInput {
  kudosChannelId?: string | null;
  kudosValues?: string[];
  dailyKudosLimit?: number;
  /** null: schedules follow where most members are. */
  timezone?: string | null;
  departmentFieldId?: string | null;
  kudosPrompt?: WeeklyHabit;
  kudosDigest?: WeeklyHabit;
  followupAfterMetDays?: number;
  welcome?: { enabled: boolean; delayDays: number };
  historyDays?: number;
  minDepartmentSize?: number;
}

/** Returns the workspace's id, creating the workspace on first sight. */
export async function ensureWorkspace(
  db: Kysely<Database>,
  input: WorkspaceInput,
): Promise<string> {
  const row = await db
    .insertInto('workspaces')
    .values({ platform: input.platform, external_id: input.externalId, name: input.name })
    .onConflict((oc) => oc.columns(['platform', 'external_id']).doUpdateSet({ name: input.name }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function saveSettings(
  db: Kysely<Database>,
  workspaceId: string,
  input: SettingsInput,
): Promise<void> {
  const values = {
    ...(input.kudosChannelId !== undefined && { kudos_channel_id: input.kudosChannelId }),
    ...(input.kudosValues && { kudos_values: input.kudosValues }),
    ...(input.dailyKudosLimit !== undefined && { daily_kudos_limit: input.dailyKudosLimit }),
    ...(input.timezone !== undefined && { timezone: input.timezone }),
    ...(input.departmentFieldId !== undefined && { department_field_id: input.departmentFieldId }),
    ...(input.kudosPrompt && {
      kudos_prompt_enabled: input.kudosPrompt.enabled,
      kudos_prompt_day: input.kudosPrompt.weekday,
      kudos_prompt_hour: input.kudosPrompt.hour,
    }),
    ...(input.kudosDigest && {
      kudos_digest_enabled: input.kudosDigest.enabled,
      kudos_digest_day: input.kudosDigest.weekday,
      kudos_digest_hour: input.kudosDigest.hour,
    }),
    ...(input.followupAfterMetDays !== undefined && {
      followup_after_met_days: input.followupAfterMetDays,
    }),
    ...(input.welcome && {
      welcome_enabled: input.welcome.enabled,
      welcome_delay_days: input.welcome.delayDays,
    }),
    ...(input.historyDays !== undefined && { history_days: input.historyDays }),
    ...(input.minDepartmentSize !== undefined && {
      insights_min_department_size: input.minDepartmentSize,
    }),
  };
  await db
    .insertInto('workspace_settings')
    .values({ workspace_id: workspaceId, kudos_values: [...DEFAULT_KUDOS_VALUES], ...values })
    .onConflict((oc) =>
      oc.column('workspace_id').doUpdateSet({ ...values, updated_at: sql`now()` }),
    )
    .execute();
}

/** Returns the department's id, matching names without regard to case. */
export async function ensureDepartment(
  db: Kysely<Database>,
  workspaceId: string,
  name: string,
): Promise<string> {
  const clean = name.trim();
  const existing = await db
    .selectFrom('departments')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where(sql`lower(name)`, '=', clean.toLowerCase())
    .executeTakeFirst();
  if (existing) return existing.id;
  await sql`insert into departments (workspace_id, name) values (${workspaceId}, ${clean}) on conflict do nothing`.execute(
    db,
  );
  const row = await db
    .selectFrom('departments')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where(sql`lower(name)`, '=', clean.toLowerCase())
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Creates or refreshes a member from the directory. A department given here is the
 * directory's word and replaces whatever was there; none given leaves the member's own.
 * Someone who asked to be forgotten is not added back (every platform's sync comes through
 * here): false then, true when stored.
 */
export async function upsertMember(
  db: Kysely<Database>,
  workspaceId: string,
  input: MemberInput,
): Promise<boolean> {
  if (await isForgotten(db, workspaceId, input.userId)) return false;
  const departmentId = input.department?.trim()
    ? await ensureDepartment(db, workspaceId, input.department)
    : null;
  const row = {
    name: input.name,
    title: input.title ?? null,
    manager_id: input.managerId ?? null,
    external_org: input.externalOrg ?? null,
    is_bot: input.isBot ?? false,
    is_deactivated: input.isDeactivated ?? false,
  };
  // A platform that does not say (Teams' roster has no timezone or admin role) keeps what is known.
  const said = {
    ...(input.timezone !== undefined && { timezone: input.timezone }),
    ...(input.isAdmin !== undefined && { is_admin: input.isAdmin }),
  };
  const department = departmentId
    ? { department_id: departmentId, department_source: 'directory' as const }
    : {};
  await db
    .insertInto('members')
    .values({
      workspace_id: workspaceId,
      user_id: input.userId,
      ...row,
      timezone: input.timezone ?? 'UTC',
      is_admin: input.isAdmin ?? false,
      department_id: departmentId,
      ...(input.joinedAt && { joined_at: input.joinedAt }),
    })
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'user_id'])
        .doUpdateSet({ ...row, ...said, ...department, updated_at: sql`now()` }),
    )
    .execute();
  return true;
}

export async function setOptedOut(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
  optedOut: boolean,
) {
  await db
    .updateTable('members')
    .set({ opted_out: optedOut, updated_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
}

/** Whether the workspace's directory has been read at all. */
export async function hasMembers(db: Kysely<Database>, workspaceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('members')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Which of these people the workspace's directory holds. */
export async function knownMemberIds(
  db: Kysely<Database>,
  workspaceId: string,
  userIds: string[],
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('members')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds)
    .execute();
  return rows.map((r) => r.user_id);
}

/** The profile field an admin chose for departments; null when none was chosen. */
export async function chosenDepartmentField(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('workspace_settings')
    .select('department_field_id')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row?.department_field_id ?? null;
}

/**
 * What a person's own request tells: the timezone their client reports, and that the platform
 * lets the bot reach them again (they wrote to it, or added it back).
 */
export async function heardFrom(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
  timezone: string | null,
): Promise<void> {
  await db
    .updateTable('members')
    .set({
      unreachable_since: null,
      ...(timezone && { timezone }),
      updated_at: sql`now()`,
    })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where((eb) =>
      eb.or([
        eb('unreachable_since', 'is not', null),
        ...(timezone ? [eb('timezone', '<>', timezone)] : []),
      ]),
    )
    .execute();
}

/** People who left a team Rapport reads its directory from. */
export async function markDeparted(
  db: Kysely<Database>,
  workspaceId: string,
  userIds: string[],
): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .updateTable('members')
    .set({ is_deactivated: true, updated_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds)
    .execute();
}

/** Whether the workspace has an admin yet: the first to install Rapport becomes one if not. */
export async function hasAdmin(db: Kysely<Database>, workspaceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('members')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('is_admin', '=', true), eb('admin_granted', '=', true)]))
    .where('is_deactivated', '=', false)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
