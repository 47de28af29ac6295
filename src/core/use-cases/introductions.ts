import {
  GROUP_REACH,
  toGroup,
  toMember,
  type IntroMember,
  type SuggestedPerson,
} from '../domain/outbound';
import { isReachable } from '../domain/reachable';
import { classifyRelationship } from '../domain/relationship-kind';
import type { Member } from '../domain/member';
import type { Clock, Introduction, Repositories, UnitOfWork } from '../ports';
import { suggestionsNow } from './member-suggestions';
import { SUGGESTIONS, toSuggested } from './workspace-network';

const DAY_MS = 24 * 60 * 60 * 1000;
/** "Not now" hides someone from a member's suggestions this long. */
export const NOT_NOW_DAYS = 90;
/** A mutual contact who has not answered by then is not waited for. */
export const MUTUAL_WAIT_DAYS = 2;

/** How asking for an introduction went. */
export type IntroRequestResult =
  | { ok: true; targetName: string; mutualName: string | null }
  | { ok: false; code: 'unknown_member' | 'opted_out' }
  | { ok: false; code: 'unavailable' | 'already_waiting'; name: string };

/** How an answer to an introduction went. */
export type IntroAnswerResult =
  | { ok: true; outcome: 'declined' | 'opened' | 'joined' | 'not_joined' }
  | { ok: true; outcome: 'asking_mutual'; mutualName: string }
  | { ok: false; code: 'gone' | 'not_yours' | 'already_answered' | 'already_made' };

export type NotNowResult = { ok: true; name: string } | { ok: false; code: 'gone' };

const introMember = (m: Member): IntroMember => ({
  userId: m.userId,
  name: m.name,
  department: m.departmentName,
  title: m.title,
});

/**
 * "Introduce us": the other person is asked first, and a conversation opens only when both
 * have said yes; the person both know joins it only if they agree too.
 */
export function makeIntroductions({
  transaction,
  clock,
}: {
  transaction: UnitOfWork;
  clock: Clock;
}) {
  /** Opens the group DM and records the introduction. */
  async function open(
    repos: Repositories,
    workspaceId: string,
    intro: Introduction,
    withMutual: boolean,
  ) {
    const now = clock.now();
    const ids = [
      intro.requesterId,
      intro.targetId,
      ...(withMutual && intro.mutualId ? [intro.mutualId] : []),
    ];
    const people = await repos.members.findMany(workspaceId, ids);
    const byId = new Map(people.map((p) => [p.userId, p]));
    const [requester, target] = [byId.get(intro.requesterId)!, byId.get(intro.targetId)!];
    await repos.introductions.update(workspaceId, intro.id, { status: 'opened', openedAt: now });
    await repos.interactions.insertMany(workspaceId, [
      {
        memberId: requester.userId,
        otherMemberId: target.userId,
        kind: classifyRelationship(requester, target),
        source: 'introduction',
        sourceRef: intro.id,
        occurredAt: now,
      },
    ]);
    const reach = GROUP_REACH[await repos.workspaces.platformOf(workspaceId)];
    await repos.deliveries.enqueue(
      workspaceId,
      toGroup(reach, {
        dedupeKey: `intro:${intro.id}:open`,
        target: { type: 'group', userIds: ids },
        message: {
          kind: 'intro_opened',
          members: [requester, target].map(introMember),
          mutualId: withMutual ? intro.mutualId : null,
        },
        availableAt: now,
      }),
    );
  }

  return {
    /** /rapport suggest: up to three people to meet, now. */
    suggestNow(
      workspaceId: string,
      userId: string,
    ): Promise<
      { ok: true; suggestions: SuggestedPerson[] } | { ok: false; code: 'unknown_member' }
    > {
      return transaction(async (repos) => {
        const now = clock.now();
        const me = await repos.members.find(workspaceId, userId);
        if (!me || me.isDeactivated) return { ok: false, code: 'unknown_member' };
        const { suggestions, departments } = await suggestionsNow(repos, workspaceId, me, now);
        // Kept, spares and all, so that the Home view shows the same people next.
        await repos.memberSuggestions.put(workspaceId, userId, now, suggestions);
        return {
          ok: true,
          suggestions: suggestions.slice(0, SUGGESTIONS).map((s) => toSuggested(s, departments)),
        };
      });
    },

    request(input: {
      workspaceId: string;
      requesterId: string;
      targetId: string;
      mutualId: string | null;
      origin: Introduction['origin'];
      sourceKey: string;
    }): Promise<IntroRequestResult> {
      const { workspaceId } = input;
      return transaction(async (repos): Promise<IntroRequestResult> => {
        const now = clock.now();
        const people = new Map(
          (
            await repos.members.findMany(
              workspaceId,
              [input.requesterId, input.targetId, input.mutualId].filter((x): x is string => !!x),
            )
          ).map((m) => [m.userId, m]),
        );
        const me = people.get(input.requesterId);
        const target = people.get(input.targetId);
        if (!me || me.isDeactivated) return { ok: false, code: 'unknown_member' };
        if (me.optedOut) return { ok: false, code: 'opted_out' };
        if (!target || target.userId === me.userId || !isReachable(target, now))
          return { ok: false, code: 'unavailable', name: target?.name ?? 'That person' };
        const mutual = input.mutualId ? people.get(input.mutualId) : undefined;
        const mutualId = mutual && isReachable(mutual, now) ? mutual.userId : null;
        const intro = await repos.introductions.create(workspaceId, {
          requesterId: me.userId,
          targetId: target.userId,
          mutualId,
          origin: input.origin,
          sourceRef: input.sourceKey,
          at: now,
        });
        if (!intro) return { ok: false, code: 'already_waiting', name: target.name };
        await repos.deliveries.enqueue(workspaceId, [
          toMember(
            target,
            `intro:${intro.id}:ask`,
            {
              kind: 'intro_request',
              introductionId: intro.id,
              requester: introMember(me),
              mutualId,
            },
            now,
          ),
        ]);
        return { ok: true, targetName: target.name, mutualName: mutualId ? mutual!.name : null };
      });
    },

    /** The person asked answers: yes opens the conversation (after the mutual contact's answer). */
    answer(
      workspaceId: string,
      userId: string,
      introductionId: string,
      accept: boolean,
    ): Promise<IntroAnswerResult> {
      return transaction(async (repos): Promise<IntroAnswerResult> => {
        const intro = await repos.introductions.lock(workspaceId, introductionId);
        if (!intro) return { ok: false, code: 'gone' };
        if (intro.targetId !== userId) return { ok: false, code: 'not_yours' };
        if (intro.status !== 'asked') return { ok: false, code: 'already_answered' };
        const now = clock.now();
        const people = new Map(
          (
            await repos.members.findMany(
              workspaceId,
              [intro.requesterId, intro.mutualId].filter((x): x is string => !!x),
            )
          ).map((m) => [m.userId, m]),
        );
        const requester = people.get(intro.requesterId);
        if (!accept) {
          await repos.introductions.update(workspaceId, intro.id, {
            status: 'declined',
            answeredAt: now,
          });
          if (requester)
            await repos.deliveries.enqueue(workspaceId, [
              toMember(requester, `intro:${intro.id}:declined`, { kind: 'intro_declined' }, now),
            ]);
          return { ok: true, outcome: 'declined' };
        }
        const mutual = intro.mutualId ? people.get(intro.mutualId) : undefined;
        if (mutual && isReachable(mutual, now)) {
          await repos.introductions.update(workspaceId, intro.id, {
            status: 'asking_mutual',
            answeredAt: now,
          });
          await repos.deliveries.enqueue(workspaceId, [
            toMember(
              mutual,
              `intro:${intro.id}:mutual`,
              {
                kind: 'intro_mutual_request',
                introductionId: intro.id,
                requesterId: intro.requesterId,
                targetId: intro.targetId,
              },
              now,
            ),
          ]);
          return { ok: true, outcome: 'asking_mutual', mutualName: mutual.name };
        }
        await open(repos, workspaceId, { ...intro, answeredAt: now }, false);
        return { ok: true, outcome: 'opened' };
      });
    },

    /** The person both know says whether they join; either way the conversation opens. */
    answerMutual(
      workspaceId: string,
      userId: string,
      introductionId: string,
      join: boolean,
    ): Promise<IntroAnswerResult> {
      return transaction(async (repos): Promise<IntroAnswerResult> => {
        const intro = await repos.introductions.lock(workspaceId, introductionId);
        if (!intro) return { ok: false, code: 'gone' };
        if (intro.mutualId !== userId) return { ok: false, code: 'not_yours' };
        if (intro.status !== 'asking_mutual') return { ok: false, code: 'already_made' };
        await repos.introductions.update(workspaceId, intro.id, { mutualJoins: join });
        await open(repos, workspaceId, intro, join);
        return { ok: true, outcome: join ? 'joined' : 'not_joined' };
      });
    },

    notNow(workspaceId: string, userId: string, otherId: string): Promise<NotNowResult> {
      return transaction(async (repos): Promise<NotNowResult> => {
        const until = new Date(clock.now().getTime() + NOT_NOW_DAYS * DAY_MS);
        const other = await repos.members.find(workspaceId, otherId);
        if (!other) return { ok: false, code: 'gone' };
        await repos.suggestionSnoozes.snooze(workspaceId, userId, otherId, until);
        return { ok: true, name: other.name };
      });
    },

    /** Introductions whose mutual contact did not answer in time open without them. */
    openOverdue(workspaceId: string): Promise<number> {
      return transaction(async (repos) => {
        const before = new Date(clock.now().getTime() - MUTUAL_WAIT_DAYS * DAY_MS);
        const waiting = await repos.introductions.waitingOnMutual(workspaceId, before);
        for (const intro of waiting) {
          const locked = await repos.introductions.lock(workspaceId, intro.id);
          if (locked?.status === 'asking_mutual') await open(repos, workspaceId, locked, false);
        }
        return waiting.length;
      });
    },
  };
}

export type Introductions = ReturnType<typeof makeIntroductions>;
