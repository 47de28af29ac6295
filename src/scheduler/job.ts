import type { Kysely } from 'kysely';
import type { Platform } from '../core/domain/member';
import type { Clock } from '../core/ports';
import type { JobOutcome } from '../core/use-cases/kudos-prompt';
import type { Logger } from '../logger';
import type { Database } from '../persistence/schema';
import type { UseCases } from '../services';

export type { JobOutcome };

export interface JobContext {
  db: Kysely<Database>;
  clock: Clock;
  useCases: UseCases;
  logger: Logger;
  /** The platforms this deployment is connected to: workspaces elsewhere are left alone. */
  platforms: ReadonlySet<Platform>;
  /** Who is in a channel, per platform, for rounds that include a channel's members. */
  rosters?: Partial<Record<Platform, ChannelRoster>>;
  /** Hears how each firing went, for /metrics; absent in the job command and the demo. */
  metrics?: JobMetrics;
}

export interface JobMetrics {
  ran(job: string, outcome: 'done' | 'failed', seconds: number): void;
}

export interface ChannelRoster {
  /** The people in a channel (bots included; the round leaves them out). */
  members(workspace: { id: string; externalId: string }, channelId: string): Promise<string[]>;
}

/** One firing a job owes: for a scope (a workspace id, or 'global'), at a slot. */
export interface Firing {
  scope: string;
  slot: Date;
}

export const GLOBAL = 'global';

/**
 * A scheduled job. The coordinator asks each job for the slot every scope should have had
 * most recently, runs each firing once across all replicas, and forgets firings older than
 * `catchUpMs` (a prompt two days late is worse than none).
 */
export interface JobDefinition {
  name: string;
  description: string;
  catchUpMs: number;
  firings(now: Date, ctx: JobContext): Promise<Firing[]>;
  run(firing: Firing, ctx: JobContext): Promise<JobOutcome>;
}
