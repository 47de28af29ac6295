import type { App, RespondFn } from '@slack/bolt';
import { busy, note } from '../../../core/messages/common';
import { safely } from '../../../inbound/safely';
import type { SlackDeps } from '../deps';
import { sendDm } from '../dm';
import { readFormState, readFormValues, renderCard } from '../render';
import { publishHome } from './home';
import { workspaceOf } from './installed-workspace';

/**
 * Every submitted form: its values decoded and checked before anything else (a mistake keeps
 * the form open with the mistake under its field), then acknowledged and handed to the
 * conversation. The form has closed by then, so what it says comes by DM (or at the
 * response_url Slack gave with it).
 */
export function registerForms(app: App, deps: SlackDeps) {
  app.view(/.*/, async (args) => {
    const { ack, view, body, client, context } = args;
    // Bolt gives respond() only when Slack sent response_urls with the form (one that asked for
    // them, such as a form from an older release): what the form says goes there, else by DM.
    const { respond } = args as { respond?: RespondFn };
    const values = readFormValues(view.state?.values);
    const state = readFormState(view.private_metadata);
    const errors = deps.conversation.checkForm(view.callback_id, values, state);
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    const { workspaceId } = workspaceOf(context);
    const userId = body.user.id;
    const tell = async (card: Parameters<typeof renderCard>[0]) => {
      if (respond) await respond({ response_type: 'ephemeral', ...renderCard(card) });
      else await sendDm(client, userId, renderCard(card));
    };
    const work = () =>
      safely(deps.logger, { form: view.callback_id, workspaceId, userId }, tell, async () => {
        const outcome = await deps.conversation.submitForm(
          { workspaceId, userId, channelId: null, requestId: `slack:view:${view.id}` },
          view.callback_id,
          values,
          state,
        );
        // Checked again with the workspace's data (an admin check): nothing to keep open now.
        const notes = outcome.errors ? [] : outcome.notes;
        for (const card of notes) await tell(card);
        if (!outcome.errors && outcome.refreshHome)
          await publishHome(deps, client, workspaceId, userId);
      });
    if (!deps.inbound.admit(work)) {
      await ack({ response_action: 'errors', errors: firstFieldError(view, busy) });
      return;
    }
    await ack();
  });
}

/** Busy: said under the form's first field, so that the form stays open to try again. */
function firstFieldError(
  view: { blocks?: Array<{ block_id?: string; type?: string }> },
  words: typeof busy,
) {
  const first = view.blocks?.find((b) => b.type === 'input')?.block_id;
  const text = note(words()).summary;
  return first ? { [first]: text } : {};
}
