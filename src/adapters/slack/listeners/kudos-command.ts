import type { App } from '@slack/bolt';
import { parseKudosCommand } from '../../../core/domain/mention';
import type { SlackDeps } from '../deps';
import { giveKudosOnSlack } from '../kudos-flow';
import { findSlackMentions, fromSlackText } from '../text';
import { kudosModal } from '../views/kudos-modal';
import { workspaceOf } from './installed-workspace';
import { safely } from './safely';

export function registerKudosCommand(app: App, deps: SlackDeps) {
  app.command('/kudos', async ({ command, ack, client, respond, context }) => {
    await ack();
    const { workspaceId, teamId } = workspaceOf(context);
    const tell = (text: string) => respond({ response_type: 'ephemeral', text });
    await safely(deps, { command: '/kudos', teamId, userId: command.user_id }, tell, async () => {
      if (command.text.trim() === '') {
        const settings = await deps.useCases.workspaceSettings(workspaceId);
        await client.views.open({
          trigger_id: command.trigger_id,
          view: kudosModal(settings.kudosValues, command.channel_id),
        });
        return;
      }
      const parsed = parseKudosCommand(command.text, findSlackMentions(command.text));
      await giveKudosOnSlack(
        deps,
        client,
        {
          workspaceId,
          teamId,
          userId: command.user_id,
          channelId: command.channel_id,
          recipientIds: parsed.recipientIds,
          groupMentions: parsed.groupMentions,
          message: fromSlackText(parsed.message),
          sourceKey: `slack:command:${command.trigger_id}`,
        },
        {
          private: async (text) => void (await tell(text)),
          publicHere: async (post) =>
            void (await respond({ response_type: 'in_channel', ...post })),
        },
      );
    });
  });
}
