import type { Member } from '../domain/member';
import type { UnitOfWork } from '../ports';
import { ADMINS_ONLY, type AdminsOnly } from './admin-settings';

/** What happened to each person named in `/rapport admin add` or `remove`. */
export type AdminChange =
  | 'added'
  | 'removed'
  /** Already an admin (add), or not one (remove): nothing changed. */
  | 'unchanged'
  /** Their platform makes them an admin (Slack's admins and owners): Rapport cannot undo it. */
  | 'platform'
  /** Nobody would be left to run Rapport. */
  | 'last_admin'
  /** A bot, a guest, someone deactivated or unknown: never an admin. */
  | 'not_eligible';

export type AdminsResult =
  | {
      ok: true;
      changes: Array<{ userId: string; name: string; change: AdminChange }>;
      /** Everyone who is an admin now, by name. */
      admins: Array<Pick<Member, 'userId' | 'name'> & { granted: boolean }>;
    }
  | AdminsOnly
  | { ok: false; code: 'nobody_named' };

const eligible = (m: Member | undefined): m is Member =>
  Boolean(m && !m.isBot && !m.isDeactivated && !m.externalOrg);

const isActiveAdmin = (m: Member) => m.isAdmin && !m.isDeactivated && !m.isBot;

/** Admins name more admins in Rapport, or take the ones they named back. */
export function makeAdmins({ transaction }: { transaction: UnitOfWork }) {
  const change = (grant: boolean) =>
    function (workspaceId: string, actorId: string, userIds: string[]): Promise<AdminsResult> {
      return transaction(async (repos) => {
        const actor = await repos.members.find(workspaceId, actorId);
        if (!actor?.isAdmin || actor.isDeactivated) return ADMINS_ONLY;
        if (userIds.length === 0) return { ok: false, code: 'nobody_named' };
        const all = await repos.members.all(workspaceId);
        const byId = new Map(all.map((m) => [m.userId, m]));
        const changes: Array<{ userId: string; name: string; change: AdminChange }> = [];
        for (const userId of [...new Set(userIds)]) {
          const m = byId.get(userId);
          const name = m?.name ?? userId;
          if (!eligible(m)) {
            changes.push({ userId, name, change: 'not_eligible' });
            continue;
          }
          const platform = m.isAdmin && !m.adminGranted;
          let outcome: AdminChange;
          if (grant) outcome = m.isAdmin ? 'unchanged' : 'added';
          else if (!m.isAdmin) outcome = 'unchanged';
          else if (platform) outcome = 'platform';
          else if (![...byId.values()].some((x) => isActiveAdmin(x) && x.userId !== userId))
            outcome = 'last_admin';
          else outcome = 'removed';
          if (outcome === 'added' || outcome === 'removed') {
            await repos.members.setAdminGranted(workspaceId, userId, grant);
            byId.set(userId, { ...m, isAdmin: grant, adminGranted: grant });
          }
          changes.push({ userId, name, change: outcome });
        }
        const admins = [...byId.values()]
          .filter(isActiveAdmin)
          .map((m) => ({ userId: m.userId, name: m.name, granted: Boolean(m.adminGranted) }))
          .sort((a, b) => a.name.localeCompare(b.name));
        return { ok: true, changes, admins };
      });
    };
  return { add: change(true), remove: change(false) };
}

export type Admins = ReturnType<typeof makeAdmins>;
