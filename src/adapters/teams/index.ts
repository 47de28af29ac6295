import { teamsConfigured, type Config } from '../../config';
import type { AdapterFactory, AdapterServices, PlatformAdapter } from '../contract';
import { createTeamsAdapter } from './app';
import { teamsAuthFrom } from './auth';
import { ROSTER_JOB } from './roster-sync';

/** Teams allows a bot a few roster pages a second; one a second leaves room for the rest. */
const PAGE_INTERVAL_MS = 1000;

/** The Teams adapter as the server and the job command build it from the configuration. */
export function teamsAdapterFor(services: AdapterServices): PlatformAdapter {
  const { config } = services;
  return createTeamsAdapter(
    {
      auth: teamsAuthFrom(config),
      admins: (config.RAPPORT_TEAMS_ADMINS ?? '')
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
      limits: { sendsPerSecond: config.RAPPORT_TEAMS_SENDS_PER_SECOND },
      inbound: {
        concurrency: config.RAPPORT_INBOUND_CONCURRENCY,
        backlog: config.RAPPORT_INBOUND_BACKLOG,
      },
      pageIntervalMs: services.directoryPacing?.pageIntervalMs ?? PAGE_INTERVAL_MS,
      publicUrl: config.RAPPORT_PUBLIC_URL ?? null,
    },
    services,
  );
}

export const teamsPlatform: AdapterFactory = {
  platform: 'teams',
  configured: (config: Config) => teamsConfigured(config),
  jobNames: [ROSTER_JOB],
  create: teamsAdapterFor,
};
