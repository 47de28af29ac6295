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

/**
 * Maps Slack's authorizations to installed Rapport workspaces. Looking one up never creates
 * it: only an install does (`markInstalled`).
 */
export function workspaceResolver(db: Kysely<Database>) {
  const forKey = (key: string | null): Promise<InstalledWorkspace | null> =>
    key ? installedWorkspace(db, 'slack', key) : Promise.resolve(null);
  return {
    forKey,
    /** The installed workspace a request is authorised for; null when none is. */
    resolve: (auth: SlackAuthorization) => forKey(workspaceKey(auth)),
    markInstalled: (key: string, name?: string): Promise<string> =>
      markWorkspaceInstalled(db, 'slack', key, name),
    /** The workspace's work stops from `at`; null when no such workspace was ever installed. */
    markUninstalled: (key: string, at: Date): Promise<string | null> =>
      markWorkspaceUninstalled(db, 'slack', key, at),
  };
}

export type WorkspaceResolver = ReturnType<typeof workspaceResolver>;
