import type { Kysely } from 'kysely';
import type { Clock } from '../../core/ports';
import type { Logger } from '../../logger';
import type { Database } from '../../persistence/schema';
import type { Conversation } from '../../core/conversation';
import type { UseCases } from '../../core/use-cases';
import type { WorkLimit } from '../../inbound/work-limit';
import type { InboundEvents } from '../../persistence/repositories/inbound-events';
import type { DirectoryContext } from './directory';
import type { WorkspaceResolver } from './workspaces';

/** What every Slack listener may use. */
export interface SlackDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  useCases: UseCases;
  directory: DirectoryContext;
  workspaces: WorkspaceResolver;
  /** What Rapport says and understands: commands, buttons, forms, the Home view. */
  conversation: Conversation;
  /** Bounds the work after acknowledging a command, button or form: false when full. */
  inbound: { admit(work: () => Promise<void>): boolean; readonly load: WorkLimit['load'] };
  inboundEvents: InboundEvents;
  /** Runs work that outlives its request; shutdown waits for it (up to a limit). */
  background?: (work: Promise<unknown>) => void;
}
