import {
  FALLBACK_EXAMPLES,
  adminsOnly,
  note,
  optedOut,
  unknownCommand,
  unknownMember,
  type Examples,
} from '../messages/common';
import {
  roundListCard,
  roundReportCard,
  deliveryReportCard,
  noRoundsYet,
  whichRound,
} from '../messages/admin-reports';
import { roundChannelForm, settingsForm } from '../messages/admin-forms';
import { exportCard, exportFile } from '../messages/data-export';
import { forgetConfirmCard, forgottenAlready, startedAgain } from '../messages/forget-me';
import { followupList, followupSetReply, reminderAnswerReply } from '../messages/followups';
import { helpCard, unknownSubcommand } from '../messages/help';
import {
  kudosForm,
  kudosNotPostedHere,
  kudosPost,
  kudosPostedElsewhere,
  kudosRejectionText,
  valuesReply,
} from '../messages/kudos';
import {
  departmentReply,
  metReply,
  mentorshipReply,
  mySettingsCard,
  nudgesReply,
  nudgesStatus,
  participationReply,
  suggestionsReply,
  suggestionsStatus,
} from '../messages/member';
import { networkSummaryCard, suggestionsCard } from '../messages/network';
import { namesOf } from '../messages/people';
import { adminsReply } from '../messages/admins';
import { makeHome } from './home';
import { insightsReply } from './insights';
import { membershipReply, pauseReply, resumeReply } from '../messages/rounds';
import { usageText } from '../messages/usage';
import type { Command, CommandInput } from './commands';
import { parseCommand } from './grammar';
import type { Actor, ConversationPorts, Reply } from './reply';
import type { Text } from './text';

/** Commands that need the member to be taking part: an opted-out member hears how to come back. */
const TAKING_PART: ReadonlySet<Command['kind']> = new Set([
  'followup_list',
  'followup_cancel',
  'me',
  'suggest',
  'join',
  'leave',
  'skip',
  'pause',
  'resume',
  'nudges',
  'suggestions',
  'mentor',
]);

const privately = (t: Text): Reply => ({ private: note(t) });

/** The people a command names, to make sure the directory knows them first. */
function peopleIn(c: Command): string[] {
  switch (c.kind) {
    case 'kudos':
      return c.recipientIds.slice(0, 10);
    case 'followup':
      return c.mentions
        .filter((m) => m.kind !== 'group')
        .map((m) => m.userId)
        .slice(0, 10);
    case 'met':
    case 'mentor':
    case 'admin_grant':
      return c.userIds.slice(0, 10);
    default:
      return [];
  }
}

/** Runs any command for an actor and says what to answer: the one place commands are handled. */
export function makeCommandRunner(ports: ConversationPorts) {
  const { useCases: uc, directory } = ports;
  const home = makeHome(ports);

  /** Examples for this reader: two real colleagues and a real round channel, when known. */
  async function examplesFor(actor: Actor): Promise<Examples> {
    const found = await uc.examples(actor.workspaceId, actor.userId);
    const [a, b] = found.people;
    return {
      person: a ? ports.typedPerson(a) : FALLBACK_EXAMPLES.person,
      other: b ? ports.typedPerson(b) : FALLBACK_EXAMPLES.other,
      channel:
        (found.roundChannel && ports.typedChannel(found.roundChannel)) ?? FALLBACK_EXAMPLES.channel,
    };
  }

  /** `/rapport optin` from a forgotten person: the directory adds them again, as someone new. */
  async function startAgain(actor: Actor): Promise<Reply> {
    await uc.forgetMe.rejoin(actor.workspaceId, actor.userId);
    await directory.ensureKnown(actor.workspaceId, [actor.userId]);
    return privately(startedAgain((await uc.member(actor.workspaceId, actor.userId)) !== null));
  }

  return async function runCommand(actor: Actor, input: CommandInput): Promise<Reply> {
    const c = parseCommand(input);
    const { workspaceId: ws, userId: me } = actor;
    await directory.ensureKnown(ws, [me, ...peopleIn(c)]);
    const { member, forgotten } = await uc.forgetMe.standing(ws, me);
    // Someone who asked to be forgotten hears so, whatever they type, until they start again.
    if (forgotten) return c.kind === 'optin' ? startAgain(actor) : privately(forgottenAlready());
    if (TAKING_PART.has(c.kind)) {
      if (!member || member.isDeactivated) return privately(unknownMember());
      if (member.optedOut) return privately(optedOut());
    }
    const x = () => examplesFor(actor);
    switch (c.kind) {
      case 'help':
        return { private: helpCard(await x()) };
      case 'unknown_subcommand':
        return { private: unknownSubcommand(c.typed) };
      case 'unknown_command':
        return privately(unknownCommand());
      case 'invalid':
        return privately(usageText(c.usage, await x()));
      case 'kudos_form': {
        const settings = await uc.workspaceSettings(ws);
        return { form: kudosForm(settings.kudosValues, actor.channelId) };
      }
      case 'kudos': {
        if (c.unresolved && c.groupMentions.length === 0)
          return privately(
            kudosRejectionText({ code: 'unknown_recipient', name: c.unresolved }, await x()),
          );
        const r = await uc.giveKudos({
          workspaceId: ws,
          giverId: me,
          recipientIds: c.recipientIds,
          groupMentions: c.groupMentions,
          message: c.message,
          inlineMentions: c.inlineMentions,
          channelId: actor.channelId,
          sourceKey: actor.requestId,
        });
        if (!r.ok) return privately(kudosRejectionText(r.rejection, await x()));
        if (r.replayed) return {};
        if (r.announceChannelId && r.announceChannelId === actor.channelId)
          return {
            public: kudosPost(r.kudos, namesOf([r.giver, ...r.recipients])),
            publicFailed: note(kudosNotPostedHere()),
          };
        return privately(kudosPostedElsewhere(r.announceChannelId));
      }
      case 'followup':
        return privately(
          followupSetReply(
            await uc.followups.set({
              workspaceId: ws,
              userId: me,
              mentions: c.mentions,
              when: c.when,
              sourceKey: actor.requestId,
            }),
            await x(),
          ),
        );
      case 'followup_list': {
        const r = await uc.followups.list(ws, me);
        return r.ok
          ? { private: followupList(r.reminders, r.zone, await x()) }
          : privately(unknownMember());
      }
      case 'followup_cancel': {
        const r =
          c.n === null
            ? {
                ok: false as const,
                usage: {
                  code: 'followup_cancel_which' as const,
                  count: await uc.followups
                    .list(ws, me)
                    .then((l) => (l.ok ? l.reminders.length : 0)),
                },
              }
            : await uc.followups.cancelNumber(ws, me, c.n);
        return privately('usage' in r ? usageText(r.usage, await x()) : reminderAnswerReply(r));
      }
      case 'home':
        return { private: await home(actor) };
      case 'me': {
        const r = await uc.networkSummary(ws, me);
        return r.ok ? { private: networkSummaryCard(r.summary) } : privately(unknownMember());
      }
      case 'settings': {
        const r = await uc.mySettings(ws, me);
        return r.ok ? { private: mySettingsCard(r.settings) } : privately(unknownMember());
      }
      case 'admin_grant': {
        const r = await (c.grant ? uc.admins.add : uc.admins.remove)(ws, me, c.userIds);
        if (r.ok) return { private: adminsReply(r) };
        if (r.code === 'admins_only') return privately(adminsOnly());
        return privately(usageText({ code: 'admin_who', grant: c.grant }, await x()));
      }
      case 'admin': {
        const r = await uc.adminSettings(ws, me);
        if (!r.ok) return privately(adminsOnly());
        const rounds = await uc.roundAdmin.list(ws, me);
        return {
          form: settingsForm(
            r.settings,
            await directory.departmentFields(ws),
            rounds.ok ? rounds.channels : [],
          ),
        };
      }
      case 'values':
        return privately(valuesReply((await uc.workspaceSettings(ws)).kudosValues));
      case 'deliveries': {
        const r = await uc.deliveryReport(ws, me);
        if (!r.ok) return privately(adminsOnly());
        const ids = r.report.failures.flatMap((f) =>
          f.target.type === 'member'
            ? [f.target.userId]
            : f.target.type === 'group'
              ? f.target.userIds
              : [],
        );
        return { private: deliveryReportCard(r.report, await uc.names(ws, ids), r.zone) };
      }
      case 'suggest': {
        const r = await uc.introductions.suggestNow(ws, me);
        if (!r.ok) return privately(unknownMember());
        const ids = r.suggestions.flatMap((s) => [s.userId, ...(s.mutualId ? [s.mutualId] : [])]);
        return { private: suggestionsCard(r.suggestions, await uc.names(ws, ids)) };
      }
      case 'resume': {
        const r = await uc.rounds.resume(ws, me);
        return privately(r.ok ? resumeReply(r.wasPaused) : unknownMember());
      }
      case 'optout':
      case 'optin':
        return privately(
          participationReply(await uc.setParticipation(ws, me, c.kind === 'optout')),
        );
      case 'export': {
        const r = await uc.exportMyData(ws, me);
        if (!r.ok) return privately(unknownMember());
        const file = exportFile(r.export);
        return { private: exportCard(r.export, file.filename), files: [file] };
      }
      case 'forget_me': {
        const r = await uc.forgetMe.ask(ws, me);
        return r.ok ? { private: forgetConfirmCard(me, r.issuedAt) } : privately(unknownMember());
      }
      case 'department': {
        const r = await uc.setDepartment(ws, me, c.name);
        if (r.ok) return privately(departmentReply(r.department));
        return privately('usage' in r ? usageText(r.usage, await x()) : unknownMember());
      }
      case 'join':
      case 'leave':
      case 'skip':
        return privately(
          membershipReply(c.kind, await uc.rounds[c.kind](ws, me, c.channelId), await x()),
        );
      case 'pause': {
        const r = await uc.rounds.pause(ws, me, c.typed);
        if (r.ok) return privately(pauseReply(r.lastDay, r.zone));
        return privately('usage' in r ? usageText(r.usage, await x()) : unknownMember());
      }
      case 'rounds': {
        if (c.channelId) {
          const r = await uc.roundAdmin.settingsFor(ws, me, c.channelId);
          return r.ok ? { form: roundChannelForm(r.settings) } : privately(adminsOnly());
        }
        const r = await uc.roundAdmin.list(ws, me);
        return r.ok ? { private: roundListCard(r.channels) } : privately(adminsOnly());
      }
      case 'insights':
        return insightsReply(ports, actor, c.weeks);
      case 'round': {
        const r = await uc.roundAdmin.report(ws, me, c.channelId);
        if (!r.ok) {
          if (r.code === 'admins_only') return privately(adminsOnly());
          if (r.code === 'no_rounds') return privately(noRoundsYet());
          return privately(whichRound((await x()).channel));
        }
        const ids = [
          ...r.report.groups.flatMap((g) => g.members),
          ...(r.report.round?.absences.map((a) => a.userId) ?? []),
        ];
        return { private: roundReportCard(r.report, c.page, await uc.names(ws, ids), r.zone) };
      }
      case 'met':
        return privately(
          metReply(
            await uc.recordMeeting({ workspaceId: ws, userId: me, otherIds: c.userIds }),
            await x(),
          ),
        );
      case 'mentor': {
        if (c.userIds.length !== 1)
          return privately(
            usageText(
              { code: c.userIds.length === 0 ? 'mentor_who' : 'mentor_one', role: c.role },
              await x(),
            ),
          );
        return privately(
          mentorshipReply(
            await uc.mentorship({
              workspaceId: ws,
              userId: me,
              otherId: c.userIds[0]!,
              role: c.role,
              end: c.end,
            }),
          ),
        );
      }
      case 'nudges': {
        if (c.wanted === null) {
          const m = await uc.member(ws, me);
          return privately(m ? nudgesStatus(m.nudges) : unknownMember());
        }
        return privately(nudgesReply(await uc.setNudges(ws, me, c.wanted)));
      }
      case 'suggestions': {
        if (c.on === null) {
          const m = await uc.member(ws, me);
          return privately(m ? suggestionsStatus(m.suggestions) : unknownMember());
        }
        return privately(suggestionsReply(await uc.setSuggestions(ws, me, c.on)));
      }
    }
  };
}

export type CommandRunner = ReturnType<typeof makeCommandRunner>;
