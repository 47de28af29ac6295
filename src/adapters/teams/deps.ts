import type { Activity } from '@microsoft/agents-activity';
import type { Kysely } from 'kysely';
import type { Conversation } from '../../core/conversation';
import type { Actor } from '../../core/conversation';
import type { Card, ReplyFile } from '../../core/conversation/card';
import type { Clock } from '../../core/ports';
import type { Logger } from '../../logger';
import type { InboundEvents } from '../../persistence/repositories/inbound-events';
import type { Database } from '../../persistence/schema';
import type { Whereabouts } from './activity';
import type { TeamsDrawing } from './chat';
import type { TeamsDirectory } from './directory';
import type { AdaptiveCard } from './render';
import type { TeamsStore } from './store';

/** What every part of the Teams adapter may use. */
export interface TeamsDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  conversation: Conversation;
  store: TeamsStore;
  directory: TeamsDirectory;
  drawing: TeamsDrawing;
  inboundEvents: InboundEvents;
  /**
   * Keeps a reply's files for download and returns each one's address by file name; null when
   * this deployment has no public address to give (RAPPORT_PUBLIC_URL).
   */
  offerFiles(
    workspaceId: string,
    userId: string,
    files: ReplyFile[],
  ): Promise<Map<string, string> | null>;
  /** Someone new to the workspace joined a team Rapport is in: their welcome is due later. */
  joined(workspaceId: string, userId: string): Promise<void>;
  /** Runs work that outlives its request (a roster read); shutdown waits for it. */
  background(work: Promise<unknown>, what: string): void;
}

/** The answer to an invoke: Teams waits for it in the HTTP response. */
export interface InvokeAnswer {
  status: number;
  body?: unknown;
}

/** One activity being handled: where it came from, who sent it, and how to answer. */
export interface Turn {
  activity: Activity;
  where: Whereabouts;
  workspace: { id: string; tenantId: string };
  /** The sender as Rapport knows them; null for an activity nobody sent (a bot's own). */
  actor: Actor | null;
  /** Posts a card where the activity came from (a channel's top level, not its thread). */
  post(card: Card): Promise<void>;
  /** Says something to the sender alone: in their personal chat with the bot. */
  privately(card: Card | AdaptiveCard, summary?: string): Promise<void>;
  /** Replaces the card a button was pressed on, for everyone who sees it. */
  replacePressed(card: AdaptiveCard, summary: string): Promise<void>;
  /** Sets the invoke's answer (the last one set is sent). */
  answer(answer: InvokeAnswer): void;
}
