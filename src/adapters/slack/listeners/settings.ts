import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { checkKudosSettings, type KudosSettingsInput } from '../../../core/domain/settings';
import type { SlackDeps } from '../deps';
import { ensureMembers, profileFields, syncDirectory } from '../directory';
import { sendDm } from '../dm';
import { OPEN_SETTINGS } from '../views/home';
import { ON, type HabitIds } from '../views/habit-inputs';
import { settingsSummary } from '../views/settings-summary';
import {
  AUTOMATIC_FIELD,
  DIGEST_IDS,
  ERROR_BLOCKS,
  PROMPT_IDS,
  SETTINGS_FIELDS,
  SETTINGS_MODAL,
  settingsModal,
} from '../views/settings-modal';
import { publishHome } from './app-home';
import { workspaceOf, type RequestWorkspace } from './installed-workspace';
import { safely } from './safely';

/** Opens the settings form for an admin; anyone else hears why not. */
export async function openSettings(
  deps: SlackDeps,
  client: WebClient,
  who: { workspace: RequestWorkspace; userId: string; triggerId: string },
  tell: (text: string) => Promise<unknown>,
): Promise<void> {
  const { workspaceId, teamId } = who.workspace;
  await ensureMembers(deps.directory, client, workspaceId, teamId, [who.userId]);
  const result = await deps.useCases.adminSettings(workspaceId, who.userId);
  if (!result.ok) {
    await tell(result.message);
    return;
  }
  const fields = (await profileFields(deps.directory, client, workspaceId)) ?? [];
  const rounds = await deps.useCases.roundAdmin.list(workspaceId, who.userId);
  await client.views.open({
    trigger_id: who.triggerId,
    view: settingsModal(result.settings, fields, rounds.ok ? rounds.channels : []),
  });
}

/** What Slack sends back for each input of the form. */
interface InputState {
  value?: string | null;
  selected_channel?: string | null;
  selected_option?: { value?: string } | null;
  selected_options?: Array<{ value?: string }> | null;
}
type StateValues = Record<string, Record<string, InputState>>;

function readForm(values: StateValues): KudosSettingsInput {
  const field = (f: { block: string; action: string }): InputState =>
    values[f.block]?.[f.action] ?? {};
  const department = field(SETTINGS_FIELDS.departmentField).selected_option?.value;
  const habit = (ids: HabitIds) => ({
    enabled: (field({ block: ids.enabled, action: ids.enabled }).selected_options ?? []).some(
      (o) => o.value === ON,
    ),
    weekday: field({ block: ids.weekday, action: ids.weekday }).selected_option?.value ?? '',
    hour: field({ block: ids.hour, action: ids.hour }).selected_option?.value ?? '',
  });
  return {
    kudosChannelId: field(SETTINGS_FIELDS.kudosChannel).selected_channel ?? null,
    dailyKudosLimit: String(field(SETTINGS_FIELDS.dailyKudosLimit).value ?? ''),
    kudosValues: String(field(SETTINGS_FIELDS.kudosValues).value ?? ''),
    departmentField: department && department !== AUTOMATIC_FIELD ? department : null,
    timezone: String(field(SETTINGS_FIELDS.timezone).value ?? ''),
    kudosPrompt: habit(PROMPT_IDS),
    kudosDigest: habit(DIGEST_IDS),
    followupAfterMetDays: String(field(SETTINGS_FIELDS.followupAfterMetDays).value ?? ''),
    welcome: {
      enabled: (field(SETTINGS_FIELDS.welcomeEnabled).selected_options ?? []).some(
        (o) => o.value === ON,
      ),
      delayDays: String(field(SETTINGS_FIELDS.welcomeDelayDays).value ?? ''),
    },
  };
}

export function registerSettings(app: App, deps: SlackDeps) {
  app.action(
    { type: 'block_actions', action_id: OPEN_SETTINGS },
    async ({ ack, body, client, context }) => {
      await ack();
      const workspace = workspaceOf(context);
      const userId = body.user.id;
      const tell = (text: string) => sendDm(client, userId, text);
      const where = { action: OPEN_SETTINGS, teamId: workspace.teamId, userId };
      await safely(deps, where, tell, () =>
        openSettings(deps, client, { workspace, userId, triggerId: body.trigger_id }, tell),
      );
    },
  );

  app.view(SETTINGS_MODAL, async ({ ack, view, body, client, context }) => {
    const input = readForm(view.state.values as StateValues);
    // Field mistakes are shown on the form itself, which stays open.
    const check = checkKudosSettings(input);
    if (!check.ok) {
      const errors = Object.fromEntries(
        Object.entries(check.errors).map(([f, message]) => [
          ERROR_BLOCKS[f as keyof typeof ERROR_BLOCKS],
          message,
        ]),
      );
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const workspace = workspaceOf(context);
    const { workspaceId, teamId } = workspace;
    const userId = body.user.id;
    const tell = (text: string) => sendDm(client, userId, text);
    await safely(deps, { view: SETTINGS_MODAL, teamId, userId }, tell, async () => {
      const before = await deps.useCases.workspaceSettings(workspaceId);
      const result = await deps.useCases.updateKudosSettings(workspaceId, userId, input);
      if (!result.ok) {
        await tell('message' in result ? result.message : 'Those settings were not saved.');
        return;
      }
      const saved = await deps.useCases.workspaceSettings(workspaceId);
      await tell(`Saved. ${settingsSummary(saved)}`);
      await publishHome(deps, client, workspace, userId);
      if (before.departmentField !== saved.departmentField) {
        deps.directory.detectedFields.delete(workspaceId);
        // Re-reading every profile takes a while; it runs on after the answer.
        const sync = syncDirectory(deps.directory, client, workspaceId, teamId).catch(
          (error: unknown) =>
            deps.logger.error({ err: error, workspaceId }, 'directory sync failed'),
        );
        deps.background?.(sync);
      }
    });
  });
}
