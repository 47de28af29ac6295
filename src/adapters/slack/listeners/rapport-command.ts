import type { App } from '@slack/bolt';
import { Message } from 'slack-block-builder';
import type { SlackDeps } from '../deps';
import { ensureMembers } from '../directory';
import { fromSlackText, toMrkdwn } from '../text';
import { handleRelationshipCommand, RELATIONSHIP_SUBCOMMANDS } from '../relationship-commands';
import { handleRoundCommand, ROUND_SUBCOMMANDS } from '../round-commands';
import { deliveryReportMessage } from '../views/delivery-report';
import { helpMessage } from '../views/help';
import { summaryBlocks } from '../views/summary';
import { safely } from './safely';
import { workspaceOf } from './installed-workspace';
import { openSettings } from './settings';

export function registerRapportCommand(app: App, deps: SlackDeps) {
  app.command('/rapport', async ({ command, ack, client, respond, context }) => {
    await ack();
    const workspace = workspaceOf(context);
    const { workspaceId, teamId } = workspace;
    const userId = command.user_id;
    const tell = (text: string) => respond({ response_type: 'ephemeral', text });
    await safely(deps, { command: '/rapport', teamId, userId }, tell, async () => {
      const [sub = '', ...rest] = command.text.trim().split(/\s+/);
      const context = {
        deps,
        client,
        workspaceId,
        teamId,
        userId,
        triggerId: command.trigger_id,
        rest: rest.join(' '),
        tell,
        show: (message: { text: string; blocks?: unknown[] }) =>
          respond({ response_type: 'ephemeral', ...message }),
      };
      if (ROUND_SUBCOMMANDS.includes(sub.toLowerCase()))
        return handleRoundCommand(sub.toLowerCase(), context);
      if (RELATIONSHIP_SUBCOMMANDS.includes(sub.toLowerCase()))
        return handleRelationshipCommand(sub.toLowerCase(), context);
      switch (sub.toLowerCase()) {
        case '':
        case 'help':
          return respond({ response_type: 'ephemeral', ...helpMessage() });
        case 'me': {
          await ensureMembers(deps.directory, client, workspaceId, teamId, [userId]);
          const result = await deps.useCases.networkSummary(workspaceId, userId);
          if (!result.ok) return tell(result.message);
          const message = Message({ text: 'Your network' })
            .blocks(...summaryBlocks(result.summary))
            .buildToObject();
          return respond({ response_type: 'ephemeral', ...message });
        }
        case 'department': {
          await ensureMembers(deps.directory, client, workspaceId, teamId, [userId]);
          const result = await deps.useCases.setDepartment(
            workspaceId,
            userId,
            fromSlackText(rest.join(' ')),
          );
          return tell(
            result.ok ? `Got it: you're in *${toMrkdwn(result.department)}*.` : result.message,
          );
        }
        case 'optout':
        case 'optin': {
          await ensureMembers(deps.directory, client, workspaceId, teamId, [userId]);
          const result = await deps.useCases.setParticipation(
            workspaceId,
            userId,
            sub.toLowerCase() === 'optout',
          );
          return tell(result.message);
        }
        case 'admin':
        case 'settings':
          return openSettings(
            deps,
            client,
            { workspace, userId, triggerId: command.trigger_id },
            tell,
          );
        case 'deliveries': {
          await ensureMembers(deps.directory, client, workspaceId, teamId, [userId]);
          const result = await deps.useCases.deliveryReport(workspaceId, userId);
          if (!result.ok) return tell(result.message);
          return respond({ response_type: 'ephemeral', ...deliveryReportMessage(result.report) });
        }
        case 'values': {
          const settings = await deps.useCases.workspaceSettings(workspaceId);
          return tell(
            `Tag kudos with one of: ${settings.kudosValues.map((v) => `#${v}`).join(' ')}`,
          );
        }
        default: {
          // Echoed as inline code: no pings, no bold or italics, at most 40 characters.
          const typed = [...fromSlackText(sub)].slice(0, 40).join('').replace(/`/g, "'");
          return respond({
            response_type: 'ephemeral',
            ...helpMessage(`I don't know \`/rapport ${toMrkdwn(typed)}\`. Here is what I can do:`),
          });
        }
      }
    });
  });
}
