import type { WebClient } from '@slack/web-api';
import { membershipReply, pauseReply } from '../../core/domain/round-messages';
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

export interface SubcommandContext {
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
export async function handleRoundCommand(sub: string, c: SubcommandContext): Promise<unknown> {
  const { deps, workspaceId, userId } = c;
  const channel = channelIn(c.rest);
  await ensureMembers(deps.directory, c.client, workspaceId, c.teamId, [userId]);
  switch (sub) {
    case 'join':
    case 'leave':
    case 'skip':
      return c.tell(
        membershipReply(
          sub,
          await deps.useCases.rounds[sub](workspaceId, userId, channel),
          channelLink,
        ),
      );
    case 'pause': {
      const result = await deps.useCases.rounds.pause(workspaceId, userId, fromSlackText(c.rest));
      return c.tell(result.ok ? pauseReply(result.until, result.zone) : result.message);
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
      // "/rapport round #coffee 3": the third page of a big round.
      const page = Number(/\s(\d{1,4})\s*$/.exec(` ${c.rest}`)?.[1] ?? 1);
      return c.show(roundReportMessage(found.report, page));
    }
  }
}
