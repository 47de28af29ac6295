import type { Kysely } from 'kysely';
import type { OutboundMessage } from '../core/domain/outbound';
import { freshWeeklyNetwork } from '../core/domain/weekly-network';
import { interactionRepository } from '../persistence/repositories/interactions';
import {
  introductionRepository,
  introductionStatus,
} from '../persistence/repositories/introductions';
import { reminderState } from '../persistence/repositories/reminders';
import { mentorshipRepository } from '../persistence/repositories/mentorships';
import type { Database } from '../persistence/schema';

export type Freshness = { skip: string } | { message: OutboundMessage } | null;

/**
 * Some messages can go stale between queueing and sending (hours, for someone's working
 * day): a reminder answered or snoozed meanwhile. Returns why to skip it, a fresher message
 * to send instead, or null to send it as queued.
 */
export async function freshen(
  db: Kysely<Database>,
  workspaceId: string,
  memberId: string | undefined,
  message: OutboundMessage,
): Promise<Freshness> {
  if (message.kind === 'intro_request' || message.kind === 'intro_mutual_request') {
    const status = await introductionStatus(db, workspaceId, message.introductionId);
    const waiting = message.kind === 'intro_request' ? 'asked' : 'asking_mutual';
    if (status !== waiting) return { skip: 'the introduction was answered' };
  }
  if (message.kind === 'weekly_network') return freshWeekly(db, workspaceId, memberId, message);
  if (message.kind === 'mentorship_declared' && memberId) {
    const partners = await mentorshipRepository(db).partnersOf(workspaceId, memberId);
    if (!partners.has(message.declarerId)) return { skip: 'the mentorship was ended' };
  }
  if (message.kind === 'followup_reminder') {
    const row = await reminderState(db, workspaceId, message.reminderId);
    if (!row || row.status !== 'pending') return { skip: 'the reminder was answered' };
    if (row.version !== message.version) return { skip: 'the reminder was snoozed' };
  }
  return null;
}

/** A weekly DM leaves out anyone the member has been in touch with since it was written. */
async function freshWeekly(
  db: Kysely<Database>,
  workspaceId: string,
  memberId: string | undefined,
  message: Extract<OutboundMessage, { kind: 'weekly_network' }>,
): Promise<Freshness> {
  if (!memberId) return null;
  const named = [...message.cold.map((c) => c.userId), ...message.suggestions.map((s) => s.userId)];
  const last = await interactionRepository(db).lastWith(workspaceId, memberId, named);
  const asked = await introductionRepository(db).openWith(workspaceId, memberId);
  const fresh = freshWeeklyNetwork(message, last, asked);
  return fresh ? { message: fresh } : { skip: 'everyone named was in touch since' };
}
