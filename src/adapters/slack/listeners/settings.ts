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
import { formInputs } from './form-state';
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

/** The form as the admin left it; anything Slack did not send back reads as missing. */
function readForm(view: Parameters<typeof formInputs>[0]): KudosSettingsInput {
  const form = formInputs(view);
  const F = SETTINGS_FIELDS;
  const text = (f: { block: string; action: string }) => form.text(f.block, f.action);
  const department = form.choice(F.departmentField.block, F.departmentField.action);
  const habit = (ids: HabitIds) => ({
    enabled: form.ticked(ids.enabled, ON),
    weekday: form.text(ids.weekday),
    hour: form.text(ids.hour),
  });
  return {
    kudosChannelId:
      form.input(F.kudosChannel.block, F.kudosChannel.action)?.selected_channel ?? null,
    dailyKudosLimit: text(F.dailyKudosLimit),
    kudosValues: text(F.kudosValues),
    departmentField: department === AUTOMATIC_FIELD ? null : department,
    timezone: text(F.timezone),
    kudosPrompt: habit(PROMPT_IDS),
    kudosDigest: habit(DIGEST_IDS),
    followupAfterMetDays: text(F.followupAfterMetDays),
    welcome: {
      enabled: form.ticked(F.welcomeEnabled.block, ON, F.welcomeEnabled.action),
      delayDays: text(F.welcomeDelayDays),
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
    const input = readForm(view);
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
