import type { WebClient } from '@slack/web-api';
import { DateTime } from 'luxon';
import type { MembershipResult } from '../../core/use-cases/round-membership';
import type { SlackDeps } from './deps';
import { ensureMembers } from './directory';
import { channelLink, fromSlackText } from './text';
import { roundListMessage, roundReportMessage } from './views/round-report';
import { roundChannelModal } from './views/round-modal';

export const ROUND_SUBCOMMANDS = ['join', 'leave', 'skip', 'pause', 'resume', 'rounds', 'round'];

/** The channel named in a command's text, as Slack escapes it: <#C123|name>. */
export function channelIn(text: string): string | null {
  return /<#([CG][A-Z0-9]+)(?:\|[^>]*)?>/.exec(text)?.[1] ?? null;
}

function listOf(ids: string[]): string {
  return ids.map(channelLink).join(', ');
}

/** What a member hears after join, leave or skip. */
export function membershipReply(what: 'join' | 'leave' | 'skip', r: MembershipResult): string {
  if (!r.ok) {
    switch (r.code) {
      case 'unknown_member':
        return r.message;
      case 'no_rounds':
        return 'There are no intro rounds here yet. An admin can start one with `/rapport rounds`.';
      case 'which_channel':
        return `Which round? Name its channel, for example \`/rapport ${what} ${channelLink(r.channelIds[0]!)}\`. Rounds: ${listOf(r.channelIds)}.`;
      case 'not_a_round_channel':
        return `${channelLink(r.channelId)} has no intro round. Rounds: ${listOf(r.channelIds)}.`;
    }
  }
  const where = listOf(r.channelIds);
  const paused = r.pausedUntil
    ? ` You're paused until ${DateTime.fromJSDate(r.pausedUntil).toISODate()}, so your first intro comes after that.`
    : '';
  if (what === 'join')
    return `You're in! You'll meet someone from another department in the next round in ${where}.${paused}`;
  if (what === 'leave')
    return `You've left the intro round in ${where}. Come back any time with \`/rapport join\`.`;
  return r.channelIds.length === 0
    ? "You aren't in any intro round, so there is nothing to skip."
    : `You'll sit out the next round in ${where}, then you're back in.`;
}

export interface RoundCommand {
  deps: SlackDeps;
  client: WebClient;
  workspaceId: string;
  teamId: string;
  userId: string;
  triggerId: string;
  /** The text after the subcommand. */
  rest: string;
  tell(text: string): Promise<unknown>;
  show(message: { text: string; blocks?: unknown[] }): Promise<unknown>;
}

/** /rapport join | leave | skip | pause | resume | rounds | round. */
export async function handleRoundCommand(sub: string, c: RoundCommand): Promise<unknown> {
  const { deps, workspaceId, userId } = c;
  const channel = channelIn(c.rest);
  await ensureMembers(deps.directory, c.client, workspaceId, c.teamId, [userId]);
  switch (sub) {
    case 'join':
    case 'leave':
    case 'skip':
      return c.tell(
        membershipReply(sub, await deps.useCases.rounds[sub](workspaceId, userId, channel)),
      );
    case 'pause': {
      const result = await deps.useCases.rounds.pause(workspaceId, userId, fromSlackText(c.rest));
      if (!result.ok) return c.tell(result.message);
      const day = DateTime.fromJSDate(result.until, { zone: result.zone });
      return c.tell(
        `Paused: no intros, check-ins or reminders until ${day.toFormat('cccc d LLLL yyyy')}. ` +
          'It ends by itself; `/rapport resume` ends it sooner.',
      );
    }
    case 'resume':
      return c.tell((await deps.useCases.rounds.resume(workspaceId, userId)).message);
    case 'rounds': {
      if (channel) {
        const found = await deps.useCases.roundAdmin.settingsFor(workspaceId, userId, channel);
        if (!found.ok) return c.tell(found.message);
        return c.client.views.open({
          trigger_id: c.triggerId,
          view: roundChannelModal(found.settings),
        });
      }
      const listed = await deps.useCases.roundAdmin.list(workspaceId, userId);
      if (!listed.ok) return c.tell(listed.message);
      return c.show(roundListMessage(listed.channels));
    }
    default: {
      const found = await deps.useCases.roundAdmin.report(workspaceId, userId, channel);
      if (!found.ok) return c.tell(found.message);
      return c.show(roundReportMessage(found.report));
    }
  }
}
