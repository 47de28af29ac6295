import type { DeliveryReport, UnitOfWork } from '../ports';
import { ADMINS_ONLY, type AdminsOnly } from './admin-settings';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
export const FAILURES_SHOWN = 10;

export type DeliveryReportResult = { ok: true; report: DeliveryReport; zone: string } | AdminsOnly;

/** What Rapport sent in the last week and what it could not send, for an admin. */
export function makeDeliveryReport({
  transaction,
  clock,
}: {
  transaction: UnitOfWork;
  clock: { now(): Date };
}) {
  return function deliveryReport(
    workspaceId: string,
    actorId: string,
  ): Promise<DeliveryReportResult> {
    return transaction(async (repos) => {
      const actor = await repos.members.find(workspaceId, actorId);
      if (!actor?.isAdmin || actor.isDeactivated) return ADMINS_ONLY;
      const since = new Date(clock.now().getTime() - WEEK_MS);
      return {
        ok: true,
        report: await repos.deliveryLog.report(workspaceId, since, FAILURES_SHOWN),
        zone: actor.timezone,
      };
    });
  };
}

export type DeliveryReportUseCase = ReturnType<typeof makeDeliveryReport>;
