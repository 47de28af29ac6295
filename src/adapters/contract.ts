import type { RequestListener } from 'node:http';
import type { Clock } from '../core/ports';
import type { Platform } from '../core/domain/member';
import type { UseCases } from '../core/use-cases';
import type { Config } from '../config';
import type { PlatformSender } from '../delivery/types';
import type { Logger } from '../logger';
import type { ReadinessCheck } from '../readiness';
import type { DatabaseHandle } from '../persistence/database';
import type { ChannelRoster, JobDefinition } from '../scheduler/job';

/**
 * What a chat platform brings to Rapport. The composition root, the HTTP server, the
 * background workers and the job command know platforms only through this: an adapter
 * decodes its platform's requests into the core's commands, presses and forms, draws the
 * core's cards, sends queued deliveries and reads its directory.
 */
export interface PlatformAdapter {
  platform: Platform;
  /**
   * Its routes on the one HTTP server: requests whose path starts with `prefix`; `routes`, the
   * exact paths it serves, name them in metrics.
   */
  mounts: Array<{ prefix: string; listener: RequestListener; routes?: string[] }>;
  /** Sends queued deliveries (the delivery worker's side of the platform). */
  sender: PlatformSender;
  /** Who is in a channel, for rounds that take everyone in it. */
  roster?: ChannelRoster;
  /** Its own scheduled jobs (the daily directory sync). */
  jobs: JobDefinition[];
  /** Its start-up state, for /readyz. */
  readiness: ReadinessCheck;
  /** Starts its start-up work; never throws: a platform that is down is retried. */
  start(): Promise<void>;
  /** Stops taking requests and waits (a while) for work already accepted. */
  stop(): Promise<void>;
  /** Resolves once accepted requests and background work have finished. */
  idle(): Promise<void>;
}

/** What every adapter is built from. */
export interface AdapterServices {
  config: Config;
  database: DatabaseHandle;
  logger: Logger;
  clock: Clock;
  useCases: UseCases;
  /** Pauses between directory reads; each platform has defaults that keep to its limits. */
  directoryPacing?: { pageIntervalMs: number; profileIntervalMs: number };
  /** Times an acknowledgement that no HTTP request carries (Slack's Socket Mode). */
  acknowledged?: (platform: Platform, seconds: number) => void;
}

/** A platform Rapport can run on: whether the configuration asks for it, and how to build it. */
export interface AdapterFactory {
  platform: Platform;
  configured(config: Config): boolean;
  /** The jobs it brings, by name: the job command says which platform one needs. */
  jobNames: string[];
  create(services: AdapterServices): PlatformAdapter;
}
