import type { Member } from './member';

/**
 * Someone Rapport may write to, suggest or introduce now: a person from this organisation,
 * active, taking part and not paused.
 */
export function isReachable(m: Member, now: Date): boolean {
  return (
    !m.isBot &&
    !m.isDeactivated &&
    !m.optedOut &&
    !m.externalOrg &&
    !(m.pausedUntil && m.pausedUntil > now)
  );
}
