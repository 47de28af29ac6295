import { Candidates, suggestFor } from '../domain/network';
import { toMember, type IntroMember, type SuggestedPerson } from '../domain/outbound';
import { isReachable } from '../domain/reachable';
import { classifyRelationship } from '../domain/relationship-kind';
import type { Member } from '../domain/member';
import type { Clock, Introduction, Repositories, UnitOfWork } from '../ports';
import { UNKNOWN_MEMBER_MESSAGE } from './network-summary';
import {
  loadWorkspaceNetwork,
  reachableDepartments,
  setAside,
  SUGGESTIONS,
  toSuggested,
} from './workspace-network';

const DAY_MS = 24 * 60 * 60 * 1000;
/** "Not now" hides someone from a member's suggestions this long. */
export const NOT_NOW_DAYS = 90;
/** A mutual contact who has not answered by then is not waited for. */
export const MUTUAL_WAIT_DAYS = 2;

type Reply = { ok: boolean; message: string };

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
    await repos.deliveries.enqueue(workspaceId, [
      {
        dedupeKey: `intro:${intro.id}:open`,
        target: { type: 'group', userIds: ids },
        message: {
          kind: 'intro_opened',
          members: [requester, target].map(introMember),
          mutualId: withMutual ? intro.mutualId : null,
        },
        availableAt: now,
      },
    ]);
  }

  return {
    /** /rapport suggest: up to three people to meet, now. */
    suggestNow(
      workspaceId: string,
      userId: string,
    ): Promise<{ ok: true; suggestions: SuggestedPerson[] } | { ok: false; message: string }> {
      return transaction(async (repos) => {
        const now = clock.now();
        const me = await repos.members.find(workspaceId, userId);
        if (!me || me.isDeactivated) return { ok: false, message: UNKNOWN_MEMBER_MESSAGE };
        const { members, network } = await loadWorkspaceNetwork(repos, workspaceId, now, userId);
        const departments = reachableDepartments(members, now);
        const excludedFor = await setAside(repos, workspaceId, now, userId);
        // The member's own department, even while they are paused, is not suggested.
        const candidates = new Candidates(
          network,
          new Map([...departments, [userId, me.departmentName]]),
        );
        const found = suggestFor(candidates, userId, {
          excluded: excludedFor(userId),
          limit: SUGGESTIONS,
        });
        return { ok: true, suggestions: found.map((s) => toSuggested(s, departments)) };
      });
    },

    request(input: {
      workspaceId: string;
      requesterId: string;
      targetId: string;
      mutualId: string | null;
      origin: Introduction['origin'];
      sourceKey: string;
    }): Promise<Reply> {
      const { workspaceId } = input;
      return transaction(async (repos) => {
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
        if (!me || me.isDeactivated) return { ok: false, message: UNKNOWN_MEMBER_MESSAGE };
        if (me.optedOut)
          return {
            ok: false,
            message: "You've opted out of Rapport. Opt back in with /rapport optin first.",
          };
        if (!target || target.userId === me.userId || !isReachable(target, now))
          return {
            ok: false,
            message: `${target?.name ?? 'That person'} isn't available for introductions right now.`,
          };
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
        if (!intro)
          return {
            ok: false,
            message: `There is already an introduction waiting between you and ${target.name}. I'll let you know when there is news.`,
          };
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
        return {
          ok: true,
          message:
            `I've asked ${target.name}. If they say yes, I'll open a conversation for you both` +
            `${mutual && mutualId ? ` (and ${mutual.name}, if they'd like to join)` : ''}. Nothing happens without their yes.`,
        };
      });
    },

    /** The person asked answers: yes opens the conversation (after the mutual contact's answer). */
    answer(
      workspaceId: string,
      userId: string,
      introductionId: string,
      accept: boolean,
    ): Promise<Reply> {
      return transaction(async (repos) => {
        const intro = await repos.introductions.lock(workspaceId, introductionId);
        if (!intro) return { ok: false, message: 'I could not find that introduction any more.' };
        if (intro.targetId !== userId)
          return { ok: false, message: 'This introduction is for someone else.' };
        if (intro.status !== 'asked')
          return { ok: false, message: 'You already answered this one.' };
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
              toMember(
                requester,
                `intro:${intro.id}:declined`,
                {
                  kind: 'text',
                  text: 'That introduction is not possible right now. Maybe another time!',
                },
                now,
              ),
            ]);
          return { ok: true, message: "No problem: I won't open anything." };
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
          return {
            ok: true,
            message: `Great! I've asked ${mutual.name} whether they'd like to join you; the conversation opens once they answer.`,
          };
        }
        await open(repos, workspaceId, { ...intro, answeredAt: now }, false);
        return { ok: true, message: 'Great! I’ve opened a conversation for you both.' };
      });
    },

    /** The person both know says whether they join; either way the conversation opens. */
    answerMutual(
      workspaceId: string,
      userId: string,
      introductionId: string,
      join: boolean,
    ): Promise<Reply> {
      return transaction(async (repos) => {
        const intro = await repos.introductions.lock(workspaceId, introductionId);
        if (!intro) return { ok: false, message: 'I could not find that introduction any more.' };
        if (intro.mutualId !== userId)
          return { ok: false, message: 'This question is for someone else.' };
        if (intro.status !== 'asking_mutual')
          return { ok: false, message: 'This introduction has already been made.' };
        await repos.introductions.update(workspaceId, intro.id, { mutualJoins: join });
        await open(repos, workspaceId, intro, join);
        return {
          ok: true,
          message: join
            ? 'Thanks! You are in the conversation with them.'
            : "No problem: they'll talk on their own.",
        };
      });
    },

    notNow(workspaceId: string, userId: string, otherId: string): Promise<Reply> {
      return transaction(async (repos) => {
        const until = new Date(clock.now().getTime() + NOT_NOW_DAYS * DAY_MS);
        const other = await repos.members.find(workspaceId, otherId);
        if (!other) return { ok: false, message: 'I could not find that person any more.' };
        await repos.suggestionSnoozes.snooze(workspaceId, userId, otherId, until);
        return { ok: true, message: `Okay, I won't suggest ${other.name} for a while.` };
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
