import type { Kysely } from 'kysely';
import { DEFAULT_DAILY_KUDOS_LIMIT, DEFAULT_KUDOS_VALUES } from '../../core/domain/kudos';
import type { SettingsRepository, WorkspaceSettings } from '../../core/ports';
import type { Database } from '../schema';
import { saveSettings } from './directory';

export function settingsRepository(db: Kysely<Database>): SettingsRepository {
  return {
    async saveKudosSettings(workspaceId, settings) {
      const { departmentField, ...kudos } = settings;
      await saveSettings(db, workspaceId, { ...kudos, departmentFieldId: departmentField });
    },
    async get(workspaceId): Promise<WorkspaceSettings> {
      const row = await db
        .selectFrom('workspace_settings')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
      if (!row) {
        return {
          workspaceId,
          kudosChannelId: null,
          kudosValues: [...DEFAULT_KUDOS_VALUES],
          dailyKudosLimit: DEFAULT_DAILY_KUDOS_LIMIT,
          timezone: 'UTC',
          departmentField: null,
        };
      }
      return {
        workspaceId,
        kudosChannelId: row.kudos_channel_id,
        kudosValues: row.kudos_values,
        dailyKudosLimit: row.daily_kudos_limit,
        timezone: row.timezone,
        departmentField: row.department_field_id,
      };
    },
  };
}
