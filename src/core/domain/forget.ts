import { FORGOTTEN_GIVER } from './member';
import { narrowGroup, type DeliveryTarget, type OutboundMessage } from './outbound';

/** How long the "forget me" button stays good after it was shown. */
export const FORGET_CONFIRM_MINUTES = 10;

/**
 * Whether a confirmation issued at `issuedAt` (an ISO instant from the button) may still be
 * acted on at `now`. A time that cannot be read, or one more than a minute ahead (a clock
 * apart, or a forged payload), is as good as expired.
 */
export function confirmationValid(issuedAt: string | undefined, now: Date): boolean {
  const at = issuedAt ? Date.parse(issuedAt) : NaN;
  if (Number.isNaN(at)) return false;
  const age = now.getTime() - at;
  return age >= -60_000 && age <= FORGET_CONFIRM_MINUTES * 60_000;
}

/** The person being forgotten, and what their name becomes in others' stored words. */
export interface Forgetting {
  userId: string;
  name: string;
  /** What replaces "@name" in a kudos message Rapport wrote with their name in it. */
  mentionedAs: string;
}

const renamed = (message: string, f: Forgetting) =>
  message.split(`@${f.name}`).join(`@${f.mentionedAs}`);

/** The message without the person, or null when it means nothing without them. */
function messageWithout(m: OutboundMessage, f: Forgetting): OutboundMessage | null {
  const me = f.userId;
  const giver = (id: string) => (id === me ? FORGOTTEN_GIVER : id);
  switch (m.kind) {
    case 'kudos_post': {
      const recipientIds = m.recipientIds.filter((id) => id !== me);
      if (recipientIds.length === 0) return null;
      return { ...m, giverId: giver(m.giverId), recipientIds, message: renamed(m.message, f) };
    }
    case 'kudos_received':
      return { ...m, giverId: giver(m.giverId), message: renamed(m.message, f) };
    case 'kudos_digest':
      return {
        ...m,
        digest: { ...m.digest, celebrated: m.digest.celebrated.filter((c) => c.userId !== me) },
      };
    case 'weekly_network': {
      const cold = m.cold.filter((c) => c.userId !== me);
      const suggestions = m.suggestions
        .filter((s) => s.userId !== me)
        .map((s) => (s.mutualId === me ? { ...s, mutualId: null } : s));
      return cold.length + suggestions.length === 0 ? null : { ...m, cold, suggestions };
    }
    case 'welcome': {
      const keep = (list: typeof m.ownDepartment) =>
        list
          .filter((s) => s.userId !== me)
          .map((s) => (s.mutualId === me ? { ...s, mutualId: null } : s));
      return {
        ...m,
        ownDepartment: keep(m.ownDepartment),
        acrossDepartments: keep(m.acrossDepartments),
      };
    }
    case 'intro_request':
      if (m.requester.userId === me) return null;
      return m.mutualId === me ? { ...m, mutualId: null } : m;
    case 'intro_mutual_request':
      return m.requesterId === me || m.targetId === me ? null : m;
    case 'intro_opened':
      if (m.members.some((p) => p.userId === me)) return null;
      return m.mutualId === me ? { ...m, mutualId: null } : m;
    case 'round_intro': {
      const members = m.members.filter((p) => p.userId !== me);
      return members.length < 2 ? null : { ...m, members };
    }
    case 'mentorship_declared':
      return m.declarerId === me ? null : m;
    case 'followup_reminder':
      return m.otherId === me ? null : m;
    default:
      return m;
  }
}

/**
 * A message not yet sent, as it should go now that a member is forgotten: the group without
 * them, a kudos they gave from a former colleague, suggestions without them. Null when it was
 * for them alone or means nothing without them: it is deleted instead.
 */
export function deliveryWithout(
  d: { target: DeliveryTarget; message: OutboundMessage },
  f: Forgetting,
): { target: DeliveryTarget; message: OutboundMessage } | null {
  let { target, message } = d;
  if (target.type === 'member' && target.userId === f.userId) return null;
  if (target.type === 'group' && target.userIds.includes(f.userId)) {
    const narrowed = narrowGroup(target, message, new Set([f.userId]));
    if (!narrowed) return null;
    ({ target, message } = narrowed);
  }
  const rewritten = messageWithout(message, f);
  if (!rewritten) return null;
  // Whatever else still names them (a shape this release does not know): deleted, not kept.
  return JSON.stringify(rewritten).includes(JSON.stringify(f.userId))
    ? null
    : { target, message: rewritten };
}
