import { Bits, Blocks, Elements, Modal } from 'slack-block-builder';
import type { KudosSettingsField } from '../../../core/domain/settings';
import type { WorkspaceSettings } from '../../../core/ports';
import type { RoundChannel } from '../../../core/domain/rounds';
import { habitInputs, ON } from './habit-inputs';
import { roundSettingsBlocks } from './round-report';

export const SETTINGS_MODAL = 'settings_modal';
/** The default: a profile field labelled Department, if there is one. */
export const AUTOMATIC_FIELD = 'automatic';

export const SETTINGS_FIELDS = {
  kudosChannel: { block: 'kudos_channel', action: 'kudos_channel' },
  dailyKudosLimit: { block: 'daily_kudos_limit', action: 'daily_kudos_limit' },
  kudosValues: { block: 'kudos_values', action: 'kudos_values' },
  departmentField: { block: 'department_field', action: 'department_field' },
  timezone: { block: 'timezone', action: 'timezone' },
  followupAfterMetDays: { block: 'followup_after_met', action: 'followup_after_met' },
  welcomeEnabled: { block: 'welcome_on', action: 'welcome_on' },
  welcomeDelayDays: { block: 'welcome_days', action: 'welcome_days' },
} as const;

/** Block and action ids are the same for each habit input. */
export const PROMPT_IDS = { enabled: 'prompt_on', weekday: 'prompt_day', hour: 'prompt_hour' };
export const DIGEST_IDS = { enabled: 'digest_on', weekday: 'digest_day', hour: 'digest_hour' };

/** Which block shows the core's complaint about each field. */
export const ERROR_BLOCKS: Record<KudosSettingsField, string> = {
  dailyKudosLimit: SETTINGS_FIELDS.dailyKudosLimit.block,
  kudosValues: SETTINGS_FIELDS.kudosValues.block,
  departmentField: SETTINGS_FIELDS.departmentField.block,
  timezone: SETTINGS_FIELDS.timezone.block,
  kudosPromptWeekday: PROMPT_IDS.weekday,
  kudosPromptHour: PROMPT_IDS.hour,
  kudosDigestWeekday: DIGEST_IDS.weekday,
  kudosDigestHour: DIGEST_IDS.hour,
  followupAfterMetDays: SETTINGS_FIELDS.followupAfterMetDays.block,
  welcomeDelayDays: SETTINGS_FIELDS.welcomeDelayDays.block,
};

const days = (actionId: string, value: number, max: number) =>
  Elements.NumberInput({
    actionId,
    initialValue: value,
    isDecimalAllowed: false,
    minValue: 0,
    maxValue: max,
  });

/** Follow-ups after a round and new members' welcome. */
function relationshipInputs(settings: WorkspaceSettings) {
  const { followupAfterMetDays, welcomeEnabled, welcomeDelayDays } = SETTINGS_FIELDS;
  const on = Bits.Option({ text: 'Welcome new members with a few introductions', value: ON });
  const box = Elements.Checkboxes({ actionId: welcomeEnabled.action }).options(on);
  return [
    Blocks.Input({
      label: 'Remind people to check in again after a round (days)',
      blockId: followupAfterMetDays.block,
    })
      .hint('Days after a group says “we met”. 0: no automatic follow-ups.')
      .element(days(followupAfterMetDays.action, settings.followupAfterMetDays, 180)),
    Blocks.Input({ label: 'New members', blockId: welcomeEnabled.block })
      .optional(true)
      .element(settings.welcome.enabled ? box.initialOptions(on) : box),
    Blocks.Input({
      label: 'Welcome new members after (days)',
      blockId: welcomeDelayDays.block,
    }).element(days(welcomeDelayDays.action, settings.welcome.delayDays, 60)),
  ];
}

export interface ProfileField {
  id: string;
  label: string;
}

/** The admin's settings form, filled with what is set now. */
export function settingsModal(
  settings: WorkspaceSettings,
  profileFields: ProfileField[],
  rounds: RoundChannel[] = [],
) {
  const automatic = Bits.Option({
    text: 'Automatic: a field called Department',
    value: AUTOMATIC_FIELD,
  });
  const fields = profileFields
    .slice(0, 99)
    .map((f) => Bits.Option({ text: f.label.slice(0, 75) || f.id, value: f.id }));
  const current = fields.find((_f, i) => profileFields[i]!.id === settings.departmentField);
  const { kudosChannel, dailyKudosLimit, kudosValues, departmentField, timezone } = SETTINGS_FIELDS;
  return Modal({ title: 'Rapport settings', submit: 'Save', close: 'Cancel' })
    .callbackId(SETTINGS_MODAL)
    .blocks(
      Blocks.Input({ label: 'Kudos channel', blockId: kudosChannel.block })
        .optional(true)
        .hint('Where kudos are celebrated. Empty: in the channel where /kudos was typed.')
        .element(
          Elements.ChannelSelect({
            actionId: kudosChannel.action,
            placeholder: 'Choose a channel',
            ...(settings.kudosChannelId ? { initialChannel: settings.kudosChannelId } : {}),
          }),
        ),
      Blocks.Input({ label: 'Kudos per person per day', blockId: dailyKudosLimit.block })
        .hint('How many people each person may thank a day, counted in their own timezone.')
        .element(
          Elements.NumberInput({
            actionId: dailyKudosLimit.action,
            initialValue: settings.dailyKudosLimit,
            isDecimalAllowed: false,
            minValue: 1,
            maxValue: 100,
          }),
        ),
      Blocks.Input({ label: 'Values', blockId: kudosValues.block })
        .hint('The #tags people can add to kudos, separated by spaces.')
        .element(
          Elements.TextInput({
            actionId: kudosValues.action,
            initialValue: settings.kudosValues.map((v) => `#${v}`).join(' '),
          }),
        ),
      Blocks.Input({ label: 'Profile field with the department', blockId: departmentField.block })
        .hint(
          'Rapport reads each person’s department from this profile field; without one, people set their own with /rapport department.',
        )
        .element(
          Elements.StaticSelect({ actionId: departmentField.action })
            .options(automatic, ...fields)
            .initialOption(current ?? automatic),
        ),
      Blocks.Input({ label: 'Timezone', blockId: timezone.block })
        .optional(true)
        .hint(
          `The weekly prompt and digest follow this zone. Empty: where most members are (now ${settings.timezone}).`,
        )
        .element(
          Elements.TextInput({
            actionId: timezone.action,
            placeholder: 'Europe/Berlin',
            ...(settings.timezoneChosen ? { initialValue: settings.timezone } : {}),
          }),
        ),
      ...habitInputs(
        PROMPT_IDS,
        'Weekly kudos prompt',
        'Ask “who helped you this week?” in the kudos channel',
        settings.kudosPrompt,
      ),
      ...habitInputs(
        DIGEST_IDS,
        'Weekly kudos digest',
        'Sum up last week’s kudos in the kudos channel',
        settings.kudosDigest,
      ),
      ...relationshipInputs(settings),
      ...roundSettingsBlocks(rounds),
    )
    .buildToObject();
}
