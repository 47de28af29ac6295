import { cleanDepartmentName } from '../domain/member';
import type { UsageProblem } from '../conversation/usage';
import type { UnitOfWork } from '../ports';

export type SetDepartmentResult =
  | { ok: true; department: string }
  | { ok: false; code: 'unknown_member' }
  | { ok: false; usage: UsageProblem };

/** A member names their own department; Rapport uses it until the directory says otherwise. */
export function makeSetDepartment({ transaction }: { transaction: UnitOfWork }) {
  return function setDepartment(
    workspaceId: string,
    userId: string,
    raw: string,
  ): Promise<SetDepartmentResult> {
    const cleaned = cleanDepartmentName(raw);
    if (!cleaned.ok) return Promise.resolve(cleaned);
    return transaction(async (repos) => {
      const member = await repos.members.find(workspaceId, userId);
      if (!member) return { ok: false, code: 'unknown_member' };
      return {
        ok: true,
        department: await repos.members.setOwnDepartment(workspaceId, userId, cleaned.name),
      };
    });
  };
}

export type SetDepartment = ReturnType<typeof makeSetDepartment>;
