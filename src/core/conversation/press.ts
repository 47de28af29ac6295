import { roundChannelForm, settingsForm } from '../messages/admin-forms';
import { adminsOnly, note, staleButton, unknownMember } from '../messages/common';
import {
  forgetExpired,
  forgetNotYours,
  forgottenAlready,
  forgottenCard,
} from '../messages/forget-me';
import { reminderAnswerReply } from '../messages/followups';
import { mentorshipUndone } from '../messages/member';
import { FORMER_COLLEAGUE } from '../messages/people';
import { introAnswerReply, introRequestReply, notNowReply } from '../messages/network';
import { checkinAnswer, checkinGone, checkinNotYours, membershipReply } from '../messages/rounds';
import { FALLBACK_EXAMPLES } from '../messages/common';
import type { CheckinResponse } from '../ports';
import type { ReminderAction } from '../use-cases/followups';
import { isActionId, type ActionPress } from './actions';
import type { Actor, ActionOutcome, ConversationPorts } from './reply';

const CHECKIN: Record<string, CheckinResponse> = {
  checkin_met: 'met',
  checkin_not_yet: 'not_yet',
  checkin_skip: 'skip',
};
const REMINDER: Record<string, ReminderAction> = {
  reminder_done: 'done',
  reminder_snooze_day: 'snooze_day',
  reminder_snooze_week: 'snooze_week',
  reminder_cancel: 'cancel',
};

/** Every button, handled in one place: what it changes, and what the presser sees next. */
export function makeActionHandler(ports: ConversationPorts) {
  const { useCases: uc, directory } = ports;

  /** The admin's settings form, as `/rapport admin` opens it. */
  async function settings(actor: Actor): Promise<ActionOutcome> {
    const r = await uc.adminSettings(actor.workspaceId, actor.userId);
    if (!r.ok) return { note: note(adminsOnly()) };
    const rounds = await uc.roundAdmin.list(actor.workspaceId, actor.userId);
    return {
      form: settingsForm(
        r.settings,
        await directory.departmentFields(actor.workspaceId),
        rounds.ok ? rounds.channels : [],
      ),
    };
  }

  return async function press(
    actor: Actor,
    p: { action: string; payload: ActionPress['payload'] },
  ): Promise<ActionOutcome> {
    const { workspaceId: ws, userId: me } = actor;
    if (!isActionId(p.action)) return { note: note(staleButton()) };
    await directory.ensureKnown(ws, [me]);
    const id = p.payload.id ?? '';
    switch (p.action) {
      case 'checkin_met':
      case 'checkin_not_yet':
      case 'checkin_skip': {
        const r = await uc.respondToCheckin(ws, id, me, CHECKIN[p.action]!);
        if (!r.ok) return { note: note(r.code === 'gone' ? checkinGone() : checkinNotYours()) };
        const member = await uc.member(ws, me);
        const answer = checkinAnswer(r.response, { userId: me, name: member?.name ?? me });
        // One "we met" settles it for the whole group: the question gives way to the answer.
        return r.response === 'met' ? { update: answer, note: answer } : { note: answer };
      }
      case 'reminder_done':
      case 'reminder_snooze_day':
      case 'reminder_snooze_week':
      case 'reminder_cancel': {
        const r = await uc.followups.answer(ws, me, id, REMINDER[p.action]!);
        const answer = note(reminderAnswerReply(r));
        return r.ok ? { note: answer, update: answer, refreshHome: true } : { note: answer };
      }
      case 'suggestion_introduce': {
        const r = await uc.introductions.request({
          workspaceId: ws,
          requesterId: me,
          targetId: p.payload.u ?? '',
          mutualId: p.payload.m ?? null,
          origin: p.payload.w ? 'welcome' : 'suggestion',
          sourceKey: actor.requestId,
        });
        return { note: note(introRequestReply(r)), refreshHome: true };
      }
      case 'suggestion_not_now':
        return {
          note: note(notNowReply(await uc.introductions.notNow(ws, me, p.payload.u ?? ''))),
          refreshHome: true,
        };
      case 'intro_accept':
      case 'intro_decline': {
        const r = await uc.introductions.answer(ws, me, id, p.action === 'intro_accept');
        const answer = note(introAnswerReply(r));
        return r.ok ? { note: answer, update: answer, refreshHome: true } : { note: answer };
      }
      case 'intro_mutual_join':
      case 'intro_mutual_decline': {
        const r = await uc.introductions.answerMutual(ws, me, id, p.action === 'intro_mutual_join');
        const answer = note(introAnswerReply(r));
        return r.ok ? { note: answer, update: answer, refreshHome: true } : { note: answer };
      }
      case 'round_join': {
        // The round post's own channel: its button carries it, older ones did not.
        const channelId = p.payload.c ?? actor.channelId;
        const r = await uc.rounds.join(ws, me, channelId);
        return { note: note(membershipReply('join', r, FALLBACK_EXAMPLES)) };
      }
      case 'open_settings':
        return settings(actor);
      case 'round_add':
      case 'round_edit': {
        const r = await uc.roundAdmin.settingsFor(
          ws,
          me,
          p.action === 'round_edit' ? id || null : null,
        );
        return r.ok ? { form: roundChannelForm(r.settings) } : { note: note(adminsOnly()) };
      }
      case 'forget_me_confirm': {
        const r = await uc.forgetMe.confirm({
          workspaceId: ws,
          userId: me,
          askedBy: p.payload.u,
          issuedAt: p.payload.t,
          mentionedAs: FORMER_COLLEAGUE,
        });
        if (r.ok) {
          const done = forgottenCard(r.counts);
          return { note: done, update: done, refreshHome: true };
        }
        if (r.code === 'not_yours') return { note: note(forgetNotYours()) };
        if (r.code === 'expired') {
          const expired = note(forgetExpired());
          return { note: expired, update: expired };
        }
        // Pressed again once done: they are forgotten already.
        const { forgotten } = await uc.forgetMe.standing(ws, me);
        return { note: note(forgotten ? forgottenAlready() : unknownMember()) };
      }
      case 'mentorship_undo': {
        const r = await uc.undoMentorship(ws, me, id);
        const answer = note(mentorshipUndone(r.removed, r.declarerName));
        return { note: answer, update: answer };
      }
    }
    return { note: note(unknownMember()) };
  };
}

export type ActionHandler = ReturnType<typeof makeActionHandler>;
