import type { UnitOfWork, WorkspaceSettings } from '../ports';

/** Someone who is not an admin asked for an admin's command, form or button. */
export type AdminsOnly = { ok: false; code: 'admins_only' };
export const ADMINS_ONLY: AdminsOnly = { ok: false, code: 'admins_only' };

export type AdminSettingsResult = { ok: true; settings: WorkspaceSettings } | AdminsOnly;

/** The workspace's settings, for an admin about to change them; anyone else is refused. */
export function makeAdminSettings({ transaction }: { transaction: UnitOfWork }) {
  return function adminSettings(
    workspaceId: string,
    actorId: string,
  ): Promise<AdminSettingsResult> {
    return transaction(async (repos) => {
      const actor = await repos.members.find(workspaceId, actorId);
      if (!actor?.isAdmin || actor.isDeactivated) return ADMINS_ONLY;
      return { ok: true, settings: await repos.settings.get(workspaceId) };
    });
  };
}

export type AdminSettings = ReturnType<typeof makeAdminSettings>;
