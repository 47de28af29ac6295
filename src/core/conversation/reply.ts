import type { UseCases } from '../use-cases';
import type { Card, Form, Option, ReplyFile } from './card';

/** Who is asking, where, and the platform's id for this request (a replay carries the same). */
export interface Actor {
  workspaceId: string;
  userId: string;
  /** The channel or conversation the command was typed in or the button pressed in. */
  channelId: string | null;
  requestId: string;
}

/** What the platform shows in answer to a command. */
export interface Reply {
  /** Only the person who asked sees it. */
  private?: Card;
  /** Everyone where the command was typed sees it. */
  public?: Card;
  /** Said privately instead, if the public post cannot be made. */
  publicFailed?: Card;
  /** A form to open. */
  form?: Form;
  /** Files for the person who asked, given privately (a card's image block may show one). */
  files?: ReplyFile[];
}

/** What the platform shows after a button press. */
export interface ActionOutcome {
  /** What the person who pressed is told (privately). */
  note?: Card;
  /**
   * The pressed message as it should read now, its buttons spent: platforms replace it in
   * place where they can (so it cannot be pressed twice to effect), else show `note`.
   */
  update?: Card;
  form?: Form;
  /** What the Home view shows has changed: draw it again. */
  refreshHome?: boolean;
}

/** What a submitted form leads to: field errors (the form stays open), or done. */
export type FormOutcome =
  { errors: Record<string, string> } | { errors?: undefined; notes: Card[]; refreshHome?: boolean };

/** What a conversation needs from the platform's directory. */
export interface DirectoryPort {
  /** Makes sure these people are known (the platform is asked about anyone new). */
  ensureKnown(workspaceId: string, userIds: string[]): Promise<void>;
  /** Profile fields a department may come from, for the admin's form; null: none to pick. */
  departmentFields(workspaceId: string): Promise<Option[] | null>;
  /** The department field changed: read the directory again (after the answer). */
  departmentFieldChanged(workspaceId: string): void;
}

/** Pictures the core describes as SVG, drawn where native code may run. */
export interface PicturePort {
  png(svg: string): Promise<Uint8Array>;
}

export interface ConversationPorts {
  useCases: UseCases;
  directory: DirectoryPort;
  pictures: PicturePort;
  /** How this platform's people type someone in a command: "@li" in the demo. */
  typedPerson(member: { userId: string; name: string }): string;
  /** How they type a channel, if the platform can say ("#coffee"); null: a generic example. */
  typedChannel(channelId: string): string | null;
}
