import type { Config } from '../config';
import { NOT_CONNECTED_MESSAGE } from '../startup-messages';
import type { AdapterFactory, AdapterServices, PlatformAdapter } from './contract';
import { slackPlatform } from './slack';
import { teamsPlatform } from './teams';

/** Every platform Rapport can run on; the terminal demo is started on its own (npm run demo). */
export const PLATFORMS: AdapterFactory[] = [slackPlatform, teamsPlatform];

export type AdapterChoice =
  { ok: true; factories: AdapterFactory[] } | { ok: false; message: string };

/** The platforms the configuration connects, or why the server would serve nothing. */
export function chooseAdapters(config: Config): AdapterChoice {
  const factories = PLATFORMS.filter((p) => p.configured(config));
  if (factories.length === 0) return { ok: false, message: NOT_CONNECTED_MESSAGE };
  return { ok: true, factories };
}

/** Builds every configured adapter. */
export function createAdapters(services: AdapterServices): PlatformAdapter[] {
  const choice = chooseAdapters(services.config);
  return choice.ok ? choice.factories.map((f) => f.create(services)) : [];
}

/** What the background and the job command need from the adapters, by platform. */
export function platformParts(adapters: PlatformAdapter[]) {
  return {
    senders: Object.fromEntries(adapters.map((a) => [a.platform, a.sender])),
    rosters: Object.fromEntries(
      adapters.flatMap((a) => (a.roster ? [[a.platform, a.roster]] : [])),
    ),
    jobs: adapters.flatMap((a) => a.jobs),
  };
}
