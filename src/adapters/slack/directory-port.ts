import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { DirectoryPort } from '../../core/conversation';
import { installedWorkspaceById } from '../../persistence/repositories/workspaces';
import type { SlackDeps } from './deps';
import { ensureMembers, profileFields, syncDirectory } from './directory';

/**
 * The conversation's view of Slack's directory: people named in a request are looked up if
 * new, the admin's form lists the profile fields a department may come from, and a changed
 * department field reads everyone again (after the answer).
 */
export function slackDirectoryPort(
  deps: SlackDeps,
  tokenFor: (teamId: string) => Promise<string>,
  clientOptions: WebClientOptions,
): DirectoryPort {
  // A workspace's Slack team never changes: ask the database once per process.
  const teams = new Map<string, string>();
  async function teamOf(workspaceId: string): Promise<string | null> {
    const known = teams.get(workspaceId);
    if (known) return known;
    const workspace = await installedWorkspaceById(deps.db, workspaceId);
    if (workspace) teams.set(workspaceId, workspace.externalId);
    return workspace?.externalId ?? null;
  }
  const clientFor = (teamId: string) => async () =>
    new WebClient(await tokenFor(teamId), clientOptions);

  return {
    async ensureKnown(workspaceId, userIds) {
      const teamId = await teamOf(workspaceId);
      if (teamId)
        await ensureMembers(deps.directory, clientFor(teamId), workspaceId, teamId, userIds);
    },
    async departmentFields(workspaceId) {
      const teamId = await teamOf(workspaceId);
      if (!teamId) return null;
      const fields = await profileFields(deps.directory, await clientFor(teamId)(), workspaceId);
      return fields?.map((f) => ({ label: f.label.slice(0, 75) || f.id, value: f.id })) ?? [];
    },
    departmentFieldChanged(workspaceId) {
      deps.directory.detectedFields.delete(workspaceId);
      // Re-reading every profile takes a while; it runs on after the answer.
      const read = (async () => {
        const teamId = await teamOf(workspaceId);
        if (teamId)
          await syncDirectory(deps.directory, await clientFor(teamId)(), workspaceId, teamId);
      })().catch((error: unknown) =>
        deps.logger.error({ err: error, workspaceId }, 'directory sync failed'),
      );
      deps.background?.(read);
    },
  };
}
