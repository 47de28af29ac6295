import { checkKudos } from '../domain/kudos';
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
  channelId: string | null;
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
        message: check.message,
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
