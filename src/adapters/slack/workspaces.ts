import type { Kysely } from 'kysely';
import type { Database } from '../../persistence/schema';
import {
  installedWorkspace,
  markWorkspaceInstalled,
  markWorkspaceUninstalled,
  type InstalledWorkspace,
} from '../../persistence/repositories/workspaces';

/** Who a request is for, as Bolt's context has it (from `authorizations[0]` and the install). */
export interface SlackAuthorization {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}

/**
 * The key a workspace is installed under: the enterprise for an org-wide install, else the
 * team. An enterprise-level event that names no team can only be for the enterprise.
 */
export function workspaceKey(auth: SlackAuthorization): string | null {
  if (auth.isEnterpriseInstall && auth.enterpriseId) return auth.enterpriseId;
  return auth.teamId || auth.enterpriseId || null;
}

/** How long an installation looked up is trusted before it is looked up again. */
export const INSTALLATION_TRUSTED_MS = 10_000;

/**
 * Maps Slack's authorizations to installed Rapport workspaces. Looking one up never creates
 * it: only an install does (`markInstalled`).
 *
 * Every request is resolved before it is acknowledged, so the lookup must not wait for the
 * database, whose connections the work after acknowledgements holds under load. An installed
 * workspace is remembered: once it is older than INSTALLATION_TRUSTED_MS, the next request
 * still gets it and a fresh look is started behind it. An uninstall here forgets it at once;
 * one on another replica is seen within that time (Slack stops sending an uninstalled app's
 * requests anyway). What is not installed is looked up every time.
 */
export function workspaceResolver(db: Kysely<Database>, now: () => number = Date.now) {
  const known = new Map<string, { workspace: InstalledWorkspace; at: number }>();
  const refreshing = new Map<string, Promise<InstalledWorkspace | null>>();

  const lookUp = (key: string): Promise<InstalledWorkspace | null> => {
    const running = refreshing.get(key);
    if (running) return running;
    const started = now();
    const asked = installedWorkspace(db, 'slack', key)
      .then((workspace) => {
        // An uninstall or install here while the query ran has the last word.
        if (refreshing.get(key) === asked) {
          if (workspace) known.set(key, { workspace, at: started });
          else known.delete(key);
        }
        return workspace;
      })
      .finally(() => {
        if (refreshing.get(key) === asked) refreshing.delete(key);
      });
    refreshing.set(key, asked);
    return asked;
  };
  const forget = (key: string) => {
    known.delete(key);
    refreshing.delete(key);
  };

  const forKey = async (key: string | null): Promise<InstalledWorkspace | null> => {
    if (!key) return null;
    const remembered = known.get(key);
    if (!remembered) return lookUp(key);
    if (now() - remembered.at >= INSTALLATION_TRUSTED_MS) lookUp(key).catch(() => undefined);
    return remembered.workspace;
  };
  return {
    forKey,
    /** The installed workspace a request is authorised for; null when none is. */
    resolve: (auth: SlackAuthorization) => forKey(workspaceKey(auth)),
    markInstalled: async (key: string, name?: string): Promise<string> => {
      const id = await markWorkspaceInstalled(db, 'slack', key, name);
      forget(key);
      return id;
    },
    /** The workspace's work stops from `at`; null when no such workspace was ever installed. */
    markUninstalled: async (key: string, at: Date): Promise<string | null> => {
      const id = await markWorkspaceUninstalled(db, 'slack', key, at);
      forget(key);
      return id;
    },
  };
}

export type WorkspaceResolver = ReturnType<typeof workspaceResolver>;
