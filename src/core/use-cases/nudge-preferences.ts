import type { UnitOfWork } from '../ports';

export type PreferenceResult<T> =
  ({ ok: true; changed: boolean } & T) | { ok: false; code: 'unknown_member' };

/** Keep-in-touch nudges on or off, and how long a relationship may be quiet first. */
export function makeNudgePreferences({ transaction }: { transaction: UnitOfWork }) {
  return function setNudges(
    workspaceId: string,
    userId: string,
    wanted: { enabled: boolean; cadenceDays?: number },
  ): Promise<PreferenceResult<{ enabled: boolean; cadenceDays: number }>> {
    return transaction(async (repos) => {
      const member = await repos.members.find(workspaceId, userId);
      if (!member || member.isDeactivated) return { ok: false, code: 'unknown_member' };
      const cadenceDays = wanted.cadenceDays ?? member.nudges.cadenceDays;
      const changed =
        member.nudges.enabled !== wanted.enabled || member.nudges.cadenceDays !== cadenceDays;
      if (changed)
        await repos.members.setNudges(workspaceId, userId, {
          enabled: wanted.enabled,
          cadenceDays,
        });
      return { ok: true, changed, enabled: wanted.enabled, cadenceDays };
    });
  };
}

export type NudgePreferences = ReturnType<typeof makeNudgePreferences>;

/** Weekly introduction suggestions on or off (/rapport suggest works either way). */
export function makeSuggestionPreference({ transaction }: { transaction: UnitOfWork }) {
  return function setSuggestions(
    workspaceId: string,
    userId: string,
    on: boolean,
  ): Promise<PreferenceResult<{ on: boolean }>> {
    return transaction(async (repos) => {
      const member = await repos.members.find(workspaceId, userId);
      if (!member || member.isDeactivated) return { ok: false, code: 'unknown_member' };
      const changed = member.suggestions !== on;
      if (changed) await repos.members.setSuggestions(workspaceId, userId, on);
      return { ok: true, changed, on };
    });
  };
}
