import { checkKudos, cleanMessage } from '../domain/kudos';
import type { Member } from '../domain/member';
import { classifyRelationship } from '../domain/relationship-kind';
import { pickTimezone, startOfLocalDay } from '../domain/time';
import type { KudosRejection } from '../errors';
import type { Clock, KudosRecord, UnitOfWork } from '../ports';

export interface GiveKudosRequest {
  workspaceId: string;
  giverId: string;
  recipientIds: string[];
  /** Groups mentioned as recipients (user groups, @here): rejected, kudos go to people. */
  groupMentions?: string[];
  message: string;
  /** Mentions inside the message (spans of `message`): shown as the person's name. */
  inlineMentions?: Array<{ start: number; end: number; userId: string }>;
  channelId: string | null;
  /**
   * False when the asker cannot post where they asked (a form has no public answer): the
   * celebration there goes through the queue too.
   */
  postHere?: boolean;
  /** Identifies the request that asked for this kudos: the same key never records twice. */
  sourceKey: string;
}

export type GiveKudosResult =
  | {
      ok: true;
      /** True when this request had already been recorded; nothing new was written. */
      replayed: boolean;
      kudos: KudosRecord;
      giver: Member;
      recipients: Member[];
      /** Where the celebration goes: the workspace's kudos channel, else where it was asked. */
      announceChannelId: string | null;
    }
  | { ok: false; rejection: KudosRejection };

export interface GiveKudosDeps {
  transaction: UnitOfWork;
  clock: Clock;
}

/**
 * The message as stored: mentions inside it become the person's name as the directory has
 * it, so no platform's mention markup is ever kept or replayed.
 */
function withNames(cleaned: string, request: GiveKudosRequest, recipients: Member[]): string {
  const inline = request.inlineMentions ?? [];
  if (inline.length === 0) return cleaned;
  const byId = new Map(recipients.map((r) => [r.userId, r.name]));
  let out = '';
  let last = 0;
  for (const m of [...inline].sort((a, b) => a.start - b.start)) {
    out += request.message.slice(last, m.start) + `@${byId.get(m.userId) ?? 'someone'}`;
    last = m.end;
  }
  return cleanMessage(out + request.message.slice(last));
}

export function makeGiveKudos({ transaction, clock }: GiveKudosDeps) {
  return function giveKudos(request: GiveKudosRequest): Promise<GiveKudosResult> {
    const { workspaceId } = request;
    return transaction(async (repos) => {
      // The giver's row lock serialises their concurrent requests, so the daily allowance
      // and the source-key check cannot be raced.
      const giver = await repos.members.lockForUpdate(workspaceId, request.giverId);
      const settings = await repos.settings.get(workspaceId);
      const announceChannelId = settings.kudosChannelId ?? request.channelId;

      const existing = await repos.kudos.findBySourceKey(workspaceId, request.sourceKey);
      if (existing && giver) {
        const recipients = await repos.members.findMany(workspaceId, existing.recipientIds);
        return { ok: true, replayed: true, kudos: existing, giver, recipients, announceChannelId };
      }

      const now = clock.now();
      const dayStart = startOfLocalDay(now, pickTimezone(giver?.timezone, settings.timezone));
      const recipientIds = [...new Set(request.recipientIds)];
      const check = checkKudos({
        giver,
        recipientIds,
        groupMentions: request.groupMentions ?? [],
        recipients: await repos.members.findMany(workspaceId, recipientIds),
        message: request.message,
        allowedValues: settings.kudosValues,
        dailyLimit: settings.dailyKudosLimit,
        givenToday: giver
          ? await repos.kudos.countRecipientsGivenSince(workspaceId, giver.userId, dayStart)
          : 0,
      });
      if (!check.ok) return check;
      const { recipients } = check;

      const kudos = await repos.kudos.insert(workspaceId, {
        giverId: check.giver.userId,
        recipientIds: recipients.map((r) => r.userId),
        message: withNames(check.message, request, recipients),
        values: check.values,
        channelId: request.channelId,
        sourceKey: request.sourceKey,
        createdAt: now,
      });
      if (!kudos) throw new Error('kudos source key conflict despite the giver lock');

      await repos.interactions.insertMany(
        workspaceId,
        recipients.map((recipient) => ({
          memberId: check.giver.userId,
          otherMemberId: recipient.userId,
          kind: classifyRelationship(check.giver, recipient),
          source: 'kudos',
          sourceRef: kudos.id,
          occurredAt: now,
        })),
      );
      // The notes and a post elsewhere go through the queue: paced, retried, sent once.
      await repos.deliveries.enqueue(workspaceId, [
        ...recipients.map((r) => ({
          dedupeKey: `kudos:${kudos.id}:to:${r.userId}`,
          target: { type: 'member' as const, userId: r.userId },
          message: {
            kind: 'kudos_received' as const,
            kudosId: kudos.id,
            giverId: kudos.giverId,
            message: kudos.message,
            channelId: announceChannelId,
          },
          availableAt: now,
        })),
        ...(announceChannelId &&
        (announceChannelId !== request.channelId || request.postHere === false)
          ? [
              {
                dedupeKey: `kudos:${kudos.id}:post`,
                target: { type: 'channel' as const, channelId: announceChannelId },
                message: {
                  kind: 'kudos_post' as const,
                  kudosId: kudos.id,
                  giverId: kudos.giverId,
                  recipientIds: kudos.recipientIds,
                  message: kudos.message,
                  values: kudos.values,
                },
                availableAt: now,
              },
            ]
          : []),
      ]);
      return {
        ok: true,
        replayed: false,
        kudos,
        giver: check.giver,
        recipients,
        announceChannelId,
      };
    });
  };
}

export type GiveKudos = ReturnType<typeof makeGiveKudos>;
