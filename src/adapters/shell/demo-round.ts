import { sql } from 'kysely';
import type { DeliveryTarget, OutboundMessage } from '../../core/domain/outbound';
import type { Clock } from '../../core/ports';
import type { Db } from '../../persistence/database';
import { createRepositories } from '../../persistence/repositories';
import { listMembers } from '../../persistence/repositories/members';
import type { UseCases } from '../../services';
import { DEMO_ROUND_CHANNEL } from './demo-organisation';
import { memberName, renderOutbound } from './render-outbound';

/**
 * Runs the demo's #coffee round now and shows what the bot sends, as the terminal is the
 * demo's platform: the round's messages are marked sent once shown.
 */
export async function runDemoRound(
  db: Db,
  useCases: UseCases,
  workspaceId: string,
  clock: Clock,
): Promise<Array<{ place: string; body: string }>> {
  const rounds = createRepositories(db).rounds;
  const channel = await rounds.channel(workspaceId, DEMO_ROUND_CHANNEL);
  if (!channel) return [{ place: 'only visible to you', body: 'The demo has no round channel.' }];
  const slot = new Date(Math.floor(clock.now().getTime() / 60_000) * 60_000);
  const outcome = await useCases.runRound({ workspaceId, roundChannelId: channel.id, slot });
  const round = await rounds.latestRound(channel.id);
  const nothing = [{ place: 'only visible to you', body: `No new round: ${outcome.note ?? ''}` }];
  if (!round || round.slot.getTime() !== slot.getTime() || outcome.queued === 0) return nothing;
  const name = memberName(await listMembers(db, workspaceId));
  const queued = await db
    .selectFrom('deliveries')
    .select(['id', 'target', 'message', 'available_at'])
    .where('workspace_id', '=', workspaceId)
    .where('dedupe_key', 'like', `round:${round.id}:%`)
    .where('status', '=', 'pending')
    .orderBy('available_at')
    .orderBy('dedupe_key', 'desc')
    .execute();
  await db
    .updateTable('deliveries')
    .set({ status: 'sent', finished_at: clock.now() })
    .where('id', 'in', queued.length > 0 ? queued.map((q) => q.id) : [sql<string>`null`])
    .execute();
  const checkins = queued.filter((q) => (q.message as OutboundMessage).kind === 'round_checkin');
  const shown = queued.filter((q) => (q.message as OutboundMessage).kind !== 'round_checkin');
  const first = checkins[0]?.available_at.toISOString().slice(0, 10);
  const footer = first
    ? [
        {
          place: 'later',
          body: `"Did you get a chance to meet?" goes to each group from ${first}.`,
        },
      ]
    : [];
  return [...shown.map(render), ...footer];

  function render(q: (typeof queued)[number]) {
    const target = q.target as DeliveryTarget;
    const place =
      target.type === 'channel'
        ? `#${target.channelId}`
        : target.type === 'member'
          ? `DM to ${name(target.userId)}`
          : `group DM with ${target.userIds.map(name).join(', ')}`;
    const later = q.available_at.getTime() > slot.getTime() + 60_000;
    const when = later
      ? ` · at ${q.available_at.toISOString().slice(0, 16).replace('T', ' ')} UTC`
      : '';
    return { place: `${place}${when}`, body: renderOutbound(q.message as OutboundMessage, name) };
  }
}
