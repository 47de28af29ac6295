import type { UnitOfWork, WorkspaceSettings } from '../ports';

export const ADMINS_ONLY =
  'Only workspace admins can change Rapport’s settings or see its deliveries.';

export type AdminSettingsResult =
  { ok: true; settings: WorkspaceSettings } | { ok: false; message: string };

/** The workspace's settings, for an admin about to change them; anyone else is refused. */
export function makeAdminSettings({ transaction }: { transaction: UnitOfWork }) {
  return function adminSettings(
    workspaceId: string,
    actorId: string,
  ): Promise<AdminSettingsResult> {
    return transaction(async (repos) => {
      const actor = await repos.members.find(workspaceId, actorId);
      if (!actor?.isAdmin || actor.isDeactivated) return { ok: false, message: ADMINS_ONLY };
      return { ok: true, settings: await repos.settings.get(workspaceId) };
    });
  };
}

export type AdminSettings = ReturnType<typeof makeAdminSettings>;
