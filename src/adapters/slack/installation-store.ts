import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { Kysely } from 'kysely';
import {
  deleteInstallation,
  deleteInstallationBefore,
  installationExists,
  installationKeys,
  installationSecret,
  saveInstallation,
} from '../../persistence/repositories/slack-installations';
import { markWorkspaceInstalled } from '../../persistence/repositories/workspaces';
import type { SecretBox } from '../../persistence/secret-box';
import type { Database } from '../../persistence/schema';

export type SlackInstallation = Installation<'v1' | 'v2', boolean>;

/** What an uninstall did: removed the tokens, found none, or found a newer install and kept it. */
export type RemovalOutcome = 'removed' | 'absent' | 'reinstalled';

/** No installation authorises the request: a team or enterprise that never installed Rapport. */
export class NotInstalledError extends Error {}

/** Org-wide installs are keyed by the enterprise, others by the team: as Slack's events name them. */
export function installKey(query: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}) {
  const key = query.isEnterpriseInstall && query.enterpriseId ? query.enterpriseId : query.teamId;
  if (!key) throw new NotInstalledError('an installation needs a team or an enterprise id');
  return key;
}

function keyOf(installation: SlackInstallation): string {
  return installKey({
    teamId: installation.team?.id,
    enterpriseId: installation.enterprise?.id,
    isEnterpriseInstall: installation.isEnterpriseInstall,
  });
}

/** The Postgres installation store: one row per install, the tokens sealed with the app's key. */
export function postgresInstallationStore(db: Kysely<Database>, box: SecretBox) {
  async function save(
    executor: Kysely<Database>,
    installation: SlackInstallation,
    installedAt: Date | null,
  ) {
    const key = keyOf(installation);
    const name = installation.team?.name ?? installation.enterprise?.name ?? key;
    // An install (or a token refresh of one) is what makes a workspace, and starts it again.
    const workspaceId = await markWorkspaceInstalled(executor, 'slack', key, name);
    const row = {
      installKey: key,
      workspaceId,
      teamId: installation.team?.id ?? null,
      enterpriseId: installation.enterprise?.id ?? null,
      botUserId: installation.bot?.userId ?? null,
      secret: box.seal(JSON.stringify(installation)),
      botTokenExpiresAt: installation.bot?.expiresAt
        ? new Date(installation.bot.expiresAt * 1000)
        : null,
    };
    await saveInstallation(executor, row, installedAt);
    return workspaceId;
  }

  async function fetch(
    executor: Kysely<Database>,
    key: string,
    lock = false,
  ): Promise<SlackInstallation | null> {
    const secret = await installationSecret(executor, key, lock);
    return secret ? (JSON.parse(box.open(secret)) as SlackInstallation) : null;
  }

  const store: InstallationStore & {
    /** Replaces the tokens after a refresh, keeping the install time. */
    update(executor: Kysely<Database>, installation: SlackInstallation): Promise<void>;
    fetchLocked(executor: Kysely<Database>, key: string): Promise<SlackInstallation | null>;
    /** Deletes the tokens unless the app was installed again after `eventTime`. */
    removeIfInstalledBefore(key: string, eventTime: Date): Promise<RemovalOutcome>;
    /** The install keys of every current installation. */
    keys(): Promise<string[]>;
  } = {
    update: async (executor, installation) => void (await save(executor, installation, null)),
    fetchLocked: (executor, key) => fetch(executor, key, true),
    // A fresh install or a reinstall: its time is what later uninstall events are compared with.
    async storeInstallation(installation) {
      await save(db, installation as SlackInstallation, new Date());
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const installation = await fetch(db, installKey(query));
      if (!installation)
        throw new NotInstalledError(`no Slack installation for ${installKey(query)}`);
      return installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await deleteInstallation(db, installKey(query));
    },
    async removeIfInstalledBefore(key, eventTime) {
      // Slack gives event times in whole seconds: an install within the event's second is
      // taken to be the one uninstalled; a stale retry comes minutes after a reinstall.
      if (await deleteInstallationBefore(db, key, new Date(eventTime.getTime() + 1000)))
        return 'removed';
      return (await installationExists(db, key)) ? 'reinstalled' : 'absent';
    },
    keys: () => installationKeys(db),
  };
  return store;
}

export type PostgresInstallationStore = ReturnType<typeof postgresInstallationStore>;
