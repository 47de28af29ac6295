import type { AnyMiddlewareArgs, App, ReceiverEvent, RespondFn } from '@slack/bolt';
import {
  apology,
  note,
  staleButton,
  staleForm,
  staleShortcut,
  unknownCommand,
} from '../../../core/messages/common';
import type { SlackDeps } from '../deps';
import { renderCard } from '../render';
import { workspaceOf } from './installed-workspace';

/** Where a request's acknowledgement is recorded in Bolt's context. */
const ACK = 'rapportAck';

interface AckRecord {
  done: boolean;
}

/** The parts of a command or interaction payload that say what it was and who sent it. */
interface InteractionBody {
  type?: string;
  command?: string;
  callback_id?: string;
  user_id?: string;
  user?: { id?: string };
  view?: { callback_id?: string };
  actions?: Array<{ action_id?: string }>;
}

type StaleInteraction = 'button' | 'shortcut' | 'form' | 'command';
const WORDS = {
  button: staleButton,
  shortcut: staleShortcut,
  form: staleForm,
  command: unknownCommand,
};

/** What the person used, or null for what needs an acknowledgement only (a form closed). */
function staleKind(body: InteractionBody): StaleInteraction | null {
  if (body.command !== undefined) return 'command';
  switch (body.type) {
    case 'block_actions':
    case 'interactive_message':
      return 'button';
    case 'shortcut':
    case 'message_action':
      return 'shortcut';
    case 'view_submission':
      return 'form';
    default:
      return null;
  }
}

/**
 * After a deploy Slack still sends buttons, forms and shortcuts from older messages, and a
 * command may no longer be Rapport's. Without a listener nothing would acknowledge them: Slack
 * shows an error after 3 s. Bolt runs every listener that matches and says nothing when none
 * does, and each listener acknowledges for itself, so the acknowledgement Bolt hands out is
 * wrapped to record that it was made (the record rides in the context, where Bolt copies a
 * receiver's custom properties). A middleware then acknowledges what no listener did and tells
 * the person privately that what they used is out of date.
 */
export function registerUnhandled(app: App, deps: SlackDeps) {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event: ReceiverEvent) => {
    const record: AckRecord = { done: false };
    return processEvent({
      ...event,
      ack: async (response?: unknown) => {
        record.done = true;
        await event.ack(response);
      },
      customProperties: { ...event.customProperties, [ACK]: record },
    });
  };

  app.use(async (args) => {
    const { context, next, client } = args;
    const record = context[ACK] as AckRecord | undefined;
    const { ack, respond } = args as AnyMiddlewareArgs & {
      ack?: (response?: unknown) => Promise<void>;
      respond?: RespondFn;
    };
    try {
      await next();
    } catch (error) {
      // Something failed on the way (the database, before any listener ran): Slack still gets
      // its acknowledgement, the person an apology rather than silence, and the error is logged.
      if (ack && record && !record.done) await ack();
      await respond?.({
        response_type: 'ephemeral',
        replace_original: false,
        ...renderCard(note(apology())),
      }).catch((e: unknown) => deps.logger.warn({ err: e }, 'apology not delivered'));
      throw error;
    }
    // Events were acknowledged before any middleware ran.
    if (!ack || !record || record.done) return;
    const body = args.body as InteractionBody;
    await ack(body.type === 'block_suggestion' ? { options: [] } : undefined);
    const kind = staleKind(body);
    if (!kind) return;
    const userId = body.user?.id ?? body.user_id;
    deps.logger.info(
      {
        kind,
        id:
          body.command ??
          body.actions?.[0]?.action_id ??
          body.view?.callback_id ??
          body.callback_id,
        workspaceId: workspaceOf(context).workspaceId,
        userId,
      },
      'Slack interaction with no handler: told the person it is out of date',
    );
    const message = renderCard(note(WORDS[kind]()));
    try {
      // Under the message or command it came from when Slack gave a response_url (a form's
      // first response_urls entry included), else in the person's DM with Rapport.
      if (respond)
        await respond({
          response_type: 'ephemeral',
          ...(kind === 'button' || kind === 'shortcut' ? { replace_original: false } : {}),
          ...message,
        });
      else if (userId) await client.chat.postMessage({ channel: userId, ...message });
    } catch (error) {
      deps.logger.warn({ err: error, kind, userId }, 'out-of-date notice not delivered');
    }
  });
}
