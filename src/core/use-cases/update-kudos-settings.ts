import {
  checkKudosSettings,
  type KudosSettingsCheck,
  type KudosSettingsInput,
} from '../domain/settings';
import type { UnitOfWork } from '../ports';
import { ADMINS_ONLY, type AdminsOnly } from './admin-settings';

export type UpdateKudosSettingsResult = KudosSettingsCheck | AdminsOnly;

/** An admin changes the kudos channel, allowance and values; anyone else is refused. */
export function makeUpdateKudosSettings({ transaction }: { transaction: UnitOfWork }) {
  return function updateKudosSettings(
    workspaceId: string,
    actorId: string,
    input: KudosSettingsInput,
  ): Promise<UpdateKudosSettingsResult> {
    const check = checkKudosSettings(input);
    if (!check.ok) return Promise.resolve(check);
    return transaction(async (repos) => {
      const actor = await repos.members.find(workspaceId, actorId);
      if (!actor?.isAdmin || actor.isDeactivated) return ADMINS_ONLY;
      await repos.settings.saveKudosSettings(workspaceId, check.settings);
      return check;
    });
  };
}

export type UpdateKudosSettings = ReturnType<typeof makeUpdateKudosSettings>;
