import { sql, type Kysely } from 'kysely';
import type { WeeklyHabit } from '../../core/domain/settings';
import { DEFAULT_KUDOS_DIGEST, DEFAULT_KUDOS_PROMPT } from '../../core/domain/settings';
import type { Platform } from '../../core/domain/member';
import type { Database } from '../schema';

export interface WorkspaceSchedule {
  workspaceId: string;
  platform: Platform;
  externalId: string;
  /** The admin's zone, else where most members are, else UTC. */
  timezone: string;
  kudosChannelId: string | null;
  kudosPrompt: WeeklyHabit;
  kudosDigest: WeeklyHabit;
}

/** Every installed workspace (or only `workspaceId`) with what its schedules need, in one query. */
export async function workspaceSchedules(
  db: Kysely<Database>,
  workspaceId?: string,
): Promise<WorkspaceSchedule[]> {
  const { rows } = await sql<{
    id: string;
    platform: Platform;
    external_id: string;
    timezone: string;
    kudos_channel_id: string | null;
    prompt_enabled: boolean | null;
    prompt_day: number | null;
    prompt_hour: number | null;
    digest_enabled: boolean | null;
    digest_day: number | null;
    digest_hour: number | null;
  }>`
    select w.id, w.platform, w.external_id, s.kudos_channel_id,
      coalesce(s.timezone, (
        select m.timezone from members m
        where m.workspace_id = w.id and not m.is_bot and not m.is_deactivated
        group by m.timezone order by count(*) desc, m.timezone limit 1
      ), 'UTC') as timezone,
      s.kudos_prompt_enabled as prompt_enabled, s.kudos_prompt_day as prompt_day,
      s.kudos_prompt_hour as prompt_hour, s.kudos_digest_enabled as digest_enabled,
      s.kudos_digest_day as digest_day, s.kudos_digest_hour as digest_hour
    from workspaces w
    left join workspace_settings s on s.workspace_id = w.id
    where w.uninstalled_at is null ${workspaceId ? sql`and w.id = ${workspaceId}` : sql``}
    order by w.id
  `.execute(db);
  const habit = (
    enabled: boolean | null,
    day: number | null,
    hour: number | null,
    d: WeeklyHabit,
  ) => (enabled === null ? { ...d } : { enabled, weekday: day ?? d.weekday, hour: hour ?? d.hour });
  return rows.map((r) => ({
    workspaceId: r.id,
    platform: r.platform,
    externalId: r.external_id,
    timezone: r.timezone,
    kudosChannelId: r.kudos_channel_id,
    kudosPrompt: habit(r.prompt_enabled, r.prompt_day, r.prompt_hour, DEFAULT_KUDOS_PROMPT),
    kudosDigest: habit(r.digest_enabled, r.digest_day, r.digest_hour, DEFAULT_KUDOS_DIGEST),
  }));
}
