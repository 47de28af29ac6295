import type { App, BlockAction } from '@slack/bolt';
import type { Card } from '../../../core/conversation/card';
import { busy, note } from '../../../core/messages/common';
import { safely } from '../../../inbound/safely';
import type { SlackDeps } from '../deps';
import { sendDm } from '../dm';
import { readAction, renderCard, renderModal } from '../render';
import { publishHome } from './home';
import { workspaceOf } from './installed-workspace';

/**
 * Every button, whatever it is: decoded into the core's action and payload and handled by the
 * conversation, which also answers buttons from older messages. What it says goes under the
 * message (privately), replaces the message (its buttons spent), opens a form, or, for a
 * press on the Home tab, which has no response_url, comes by DM with the tab drawn again.
 */
export function registerActions(app: App, deps: SlackDeps) {
  app.action<BlockAction>(/.*/, async ({ ack, body, action, respond, client, context }) => {
    await ack();
    const { workspaceId } = workspaceOf(context);
    const userId = body.user.id;
    const fromHome = body.view?.type === 'home';
    const inForm = Boolean(body.view) && !fromHome;
    const ephemeral = Boolean(
      (body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral,
    );
    const tell = (card: Card) =>
      fromHome || inForm || !body.response_url
        ? sendDm(client, userId, renderCard(card))
        : respond({ response_type: 'ephemeral', replace_original: false, ...renderCard(card) });
    const press = readAction(action as { action_id?: unknown; value?: unknown }) ?? {
      action: String((action as { action_id?: string }).action_id ?? ''),
      payload: {},
    };
    const work = () =>
      safely(deps.logger, { action: press.action, workspaceId, userId }, tell, async () => {
        const outcome = await deps.conversation.press(
          {
            workspaceId,
            userId,
            channelId: body.channel?.id ?? null,
            requestId: `slack:action:${body.trigger_id}`,
          },
          press,
        );
        if (outcome.form) {
          const view = renderModal(outcome.form) as never;
          // From inside a form (the settings' "Change"), the new form goes on top of it.
          if (inForm) await client.views.push({ trigger_id: body.trigger_id, view });
          else await client.views.open({ trigger_id: body.trigger_id, view });
        }
        if (outcome.update && body.message && !ephemeral && !fromHome)
          await respond({ replace_original: true, ...renderCard(outcome.update) });
        else if (outcome.note) await tell(outcome.note);
        if (outcome.refreshHome && fromHome) await publishHome(deps, client, workspaceId, userId);
      });
    if (!deps.inbound.admit(work)) await tell(note(busy()));
  });
}
