import type { Kysely } from 'kysely';
import type { Clock } from '../../core/ports';
import type { Logger } from '../../logger';
import type { Database } from '../../persistence/schema';
import type { UseCases } from '../../services';
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
  /** Runs work that outlives its request; shutdown waits for it (up to a limit). */
  background?: (work: Promise<unknown>) => void;
}

export const APOLOGY =
  'Sorry, something went wrong on my side and nothing was recorded. Please try again in a moment.';
