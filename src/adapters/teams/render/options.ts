import type { FormValues, Option } from '../../../core/conversation/card';

export interface RenderOptions {
  /**
   * A person's user principal name (their sign-in address): a chat link names people by it.
   * Null for someone the directory cannot name; the link leaves them out.
   */
  upnOf?: (userId: string) => string | null;
  /**
   * A channel's name for a channel the core named by id alone. Teams cannot mention a channel
   * in a bot's message, so a channel is written as #name, and an id is no name.
   */
  channelName?: (channelId: string) => string | null;
  /**
   * How an instant is written. 'reader' (the default): Adaptive Cards' DATE and TIME functions,
   * which the client writes in the reader's own zone and language. 'words': in the zone the core
   * gave, as the demo writes it, for a client that shows the functions as they are written.
   */
  dates?: 'reader' | 'words';
  /**
   * How buttons answer. 'execute' (the default): Universal Actions, an `adaptiveCard/action`
   * invoke the adapter answers, with a new card if it likes. 'submit': a message whose value is
   * the button's data, for a client or tool without Universal Actions.
   */
  actions?: 'execute' | 'submit';
  /** Where a reply's file can be fetched (an image block's picture); null: not drawn. */
  imageUrl?: (filename: string) => string | null;
}

export interface FormOptions extends RenderOptions {
  /** The channels a channel input offers: Teams cards have no channel picker of their own. */
  channels?: Option[];
  /** What was submitted, drawn back in the form (a redraw must not lose what someone typed). */
  values?: FormValues;
  /** A mistake to show under each field, by input id. */
  errors?: Record<string, string>;
  /**
   * Whom the people picker searches: the whole organisation (Teams offers that in a personal
   * chat with the bot and in dialogs only) or the members of the conversation the card is in.
   */
  people?: 'organization' | 'conversation';
}
