import type { BlockAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SlackDeps } from '../deps';
import { sendDm } from '../dm';
import { publishHome } from './app-home';
import type { RequestWorkspace } from './installed-workspace';

/**
 * How to answer a button privately: under the message it came from, or, from the Home tab
 * (which has no response_url), by DM, with the tab published again to show the change.
 */
export function buttonAnswer(
  deps: SlackDeps,
  body: BlockAction,
  respond: RespondFn,
  client: WebClient,
  workspace: RequestWorkspace,
) {
  const fromHome = body.view?.type === 'home';
  return {
    fromHome,
    tell: (text: string) =>
      fromHome
        ? sendDm(client, body.user.id, text)
        : respond({ response_type: 'ephemeral', replace_original: false, text }),
    /** After a change the Home tab shows: publish it again if that is where it came from. */
    refresh: () => (fromHome ? publishHome(deps, client, workspace, body.user.id) : undefined),
  };
}
