import { sql, type Kysely } from 'kysely';
import { DEFAULT_MIN_DEPARTMENT_SIZE } from '../../core/domain/insights';
import { DEFAULT_DAILY_KUDOS_LIMIT, DEFAULT_KUDOS_VALUES } from '../../core/domain/kudos';
import {
  DEFAULT_FOLLOWUP_AFTER_MET_DAYS,
  DEFAULT_KUDOS_DIGEST,
  DEFAULT_KUDOS_PROMPT,
  DEFAULT_HISTORY_DAYS,
  DEFAULT_WELCOME,
} from '../../core/domain/settings';
import type { SettingsRepository, WorkspaceSettings } from '../../core/ports';
import type { Database } from '../schema';
import { saveSettings } from './directory';

/** Where most of the workspace's active people are; UTC for a workspace with nobody yet. */
export async function mostCommonTimezone(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<string> {
  const row = await db
    .selectFrom('members')
    .select(['timezone', sql<number>`count(*)`.as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('is_bot', '=', false)
    .where('is_deactivated', '=', false)
    .groupBy('timezone')
    .orderBy('n', 'desc')
    .orderBy('timezone')
    .limit(1)
    .executeTakeFirst();
  return row?.timezone ?? 'UTC';
}

export function settingsRepository(db: Kysely<Database>): SettingsRepository {
  return {
    async saveKudosSettings(workspaceId, settings) {
      await saveSettings(db, workspaceId, {
        kudosChannelId: settings.kudosChannelId,
        kudosValues: settings.kudosValues,
        dailyKudosLimit: settings.dailyKudosLimit,
        departmentFieldId: settings.departmentField,
        timezone: settings.timezone,
        kudosPrompt: settings.kudosPrompt,
        kudosDigest: settings.kudosDigest,
        followupAfterMetDays: settings.followupAfterMetDays,
        welcome: settings.welcome,
        historyDays: settings.historyDays,
        minDepartmentSize: settings.minDepartmentSize,
      });
    },
    async get(workspaceId): Promise<WorkspaceSettings> {
      const row = await db
        .selectFrom('workspace_settings')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
      const timezone = row?.timezone ?? (await mostCommonTimezone(db, workspaceId));
      if (!row) {
        return {
          workspaceId,
          kudosChannelId: null,
          kudosValues: [...DEFAULT_KUDOS_VALUES],
          dailyKudosLimit: DEFAULT_DAILY_KUDOS_LIMIT,
          timezone,
          timezoneChosen: false,
          departmentField: null,
          kudosPrompt: { ...DEFAULT_KUDOS_PROMPT },
          kudosDigest: { ...DEFAULT_KUDOS_DIGEST },
          followupAfterMetDays: DEFAULT_FOLLOWUP_AFTER_MET_DAYS,
          welcome: { ...DEFAULT_WELCOME },
          historyDays: DEFAULT_HISTORY_DAYS,
          minDepartmentSize: DEFAULT_MIN_DEPARTMENT_SIZE,
        };
      }
      return {
        workspaceId,
        kudosChannelId: row.kudos_channel_id,
        kudosValues: row.kudos_values,
        dailyKudosLimit: row.daily_kudos_limit,
        timezone,
        timezoneChosen: row.timezone !== null,
        departmentField: row.department_field_id,
        kudosPrompt: {
          enabled: row.kudos_prompt_enabled,
          weekday: row.kudos_prompt_day,
          hour: row.kudos_prompt_hour,
        },
        kudosDigest: {
          enabled: row.kudos_digest_enabled,
          weekday: row.kudos_digest_day,
          hour: row.kudos_digest_hour,
        },
        followupAfterMetDays: row.followup_after_met_days,
        welcome: { enabled: row.welcome_enabled, delayDays: row.welcome_delay_days },
        historyDays: row.history_days,
        minDepartmentSize: row.insights_min_department_size,
      };
    },
  };
}
