import type { Member } from './member';

/**
 * Someone who is part of Rapport's picture at all: people who left, opted out, or are bots
 * are never named in a nudge, suggested, or counted as someone both know.
 */
export function isInNetwork(m: Pick<Member, 'isBot' | 'isDeactivated' | 'optedOut'>): boolean {
  return !m.isBot && !m.isDeactivated && !m.optedOut;
}

/**
 * Someone Rapport may write to, suggest or introduce now: a person from this organisation,
 * active, taking part, not paused, and whom the platform still lets the bot message.
 */
export function isReachable(m: Member, now: Date): boolean {
  return (
    !m.isBot &&
    !m.isDeactivated &&
    !m.optedOut &&
    !m.externalOrg &&
    !m.unreachable &&
    !(m.pausedUntil && m.pausedUntil > now)
  );
}
