import {
  input,
  section,
  divider,
  type Block,
  type Form,
  type FormValues,
  type Option,
} from '../conversation/card';
import { bold, channel, text } from '../conversation/text';
import type { RoundChannel, RoundChannelInput, RoundChannelSettings } from '../domain/rounds';
import { MIN_DEPARTMENT_SIZE } from '../domain/insights';
import { HISTORY_DAYS, type KudosSettingsInput } from '../domain/settings';
import type { WorkspaceSettings } from '../ports';

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
];

const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
const dayOptions: Option[] = WEEKDAYS.map((d, i) => ({ label: d, value: String(i + 1) }));
const hourOptions: Option[] = Array.from({ length: 24 }, (_v, h) => ({
  label: hour(h),
  value: String(h),
}));

/** The default department field: one labelled Department, if the directory has one. */
export const AUTOMATIC_FIELD = 'automatic';

const every = (weeks: number) => (weeks === 1 ? 'Every week' : `Every ${weeks} weeks`);

/** A round channel's settings in one line. */
export function roundLine(c: RoundChannel) {
  return text(
    channel(c.channelId),
    ': ',
    c.enabled ? '' : '(off) ',
    `${every(c.everyWeeks)}, ${WEEKDAYS[c.weekday - 1]} ${hour(c.hour)}${c.timezone ? ` ${c.timezone}` : ''}, ` +
      `groups of ${c.groupSize}, ${c.participation === 'channel' ? 'everyone in the channel' : 'people who join'}`,
  );
}

/** The rounds inside the settings form: Add, and Change beside each. */
function roundBlocks(rounds: RoundChannel[]): Block[] {
  return [
    divider,
    section(
      rounds.length > 0
        ? text(
            bold('Intro rounds'),
            ': each channel’s members meet someone from another department.',
          )
        : text(
            bold('Intro rounds'),
            ': none yet. Add a channel whose members meet someone from another department.',
          ),
      { label: 'Add a round', action: 'round_add' },
    ),
    ...rounds.slice(0, 20).map((c) =>
      section(roundLine(c), {
        label: 'Change',
        action: 'round_edit',
        payload: { id: c.channelId },
      }),
    ),
  ];
}

const habit = (
  prefix: 'kudosPrompt' | 'kudosDigest',
  label: string,
  what: string,
  h: WorkspaceSettings['kudosPrompt'],
) => [
  input({
    id: `${prefix}Enabled`,
    kind: 'checkbox',
    label,
    text: what,
    initial: h.enabled,
    optional: true,
  }),
  input({
    id: `${prefix}Weekday`,
    kind: 'select',
    label: `${label}: day`,
    options: dayOptions,
    initial: String(h.weekday),
  }),
  input({
    id: `${prefix}Hour`,
    kind: 'select',
    label: `${label}: time`,
    options: hourOptions,
    initial: String(h.hour),
  }),
];

/**
 * The admin's settings form, filled with what is set now. `departmentFields` are the
 * directory's profile fields a department may come from (Slack has them; null: none to pick).
 */
export function settingsForm(
  s: WorkspaceSettings,
  departmentFields: Option[] | null,
  rounds: RoundChannel[],
): Form {
  const fields = departmentFields?.slice(0, 99) ?? null;
  return {
    id: 'settings',
    title: 'Rapport settings',
    submit: 'Save',
    close: 'Cancel',
    // Whether the form asks for the department field: then an answer must come back.
    state: { departmentFields: fields ? 'yes' : 'no' },
    blocks: [
      input({
        id: 'kudosChannelId',
        kind: 'channel',
        label: 'Kudos channel',
        optional: true,
        hint: 'Where kudos are celebrated. Empty: in the channel where /kudos was typed.',
        placeholder: 'Choose a channel',
        ...(s.kudosChannelId && { initial: s.kudosChannelId }),
      }),
      input({
        id: 'dailyKudosLimit',
        kind: 'number',
        label: 'Kudos per person per day',
        hint: 'How many people each person may thank a day, counted in their own timezone.',
        initial: s.dailyKudosLimit,
        min: 1,
        max: 100,
      }),
      input({
        id: 'kudosValues',
        kind: 'text',
        label: 'Values',
        hint: 'The #tags people can add to kudos, separated by spaces.',
        initial: s.kudosValues.map((v) => `#${v}`).join(' '),
      }),
      ...(fields
        ? [
            input({
              id: 'departmentField',
              kind: 'select',
              label: 'Profile field with the department',
              hint: 'Rapport reads each person’s department from this profile field; without one, people set their own with /rapport department.',
              options: [
                { label: 'Automatic: a field called Department', value: AUTOMATIC_FIELD },
                ...fields,
              ],
              initial: fields.some((f) => f.value === s.departmentField)
                ? s.departmentField!
                : AUTOMATIC_FIELD,
            }),
          ]
        : []),
      input({
        id: 'timezone',
        kind: 'text',
        label: 'Timezone',
        optional: true,
        hint: `The weekly prompt and digest follow this zone. Empty: where most members are (now ${s.timezone}).`,
        placeholder: 'Europe/Berlin',
        ...(s.timezoneChosen && { initial: s.timezone }),
      }),
      ...habit(
        'kudosPrompt',
        'Weekly kudos prompt',
        'Ask “who helped you this week?” in the kudos channel',
        s.kudosPrompt,
      ),
      ...habit(
        'kudosDigest',
        'Weekly kudos digest',
        'Sum up last week’s kudos in the kudos channel',
        s.kudosDigest,
      ),
      input({
        id: 'followupAfterMetDays',
        kind: 'number',
        label: 'Remind people to check in again after a round (days)',
        hint: 'Days after a group says “we met”. 0: no automatic follow-ups.',
        initial: s.followupAfterMetDays,
        min: 0,
        max: 180,
      }),
      input({
        id: 'welcomeEnabled',
        kind: 'checkbox',
        label: 'New members',
        text: 'Welcome new members with a few introductions',
        initial: s.welcome.enabled,
        optional: true,
      }),
      input({
        id: 'welcomeDelayDays',
        kind: 'number',
        label: 'Welcome new members after (days)',
        initial: s.welcome.delayDays,
        min: 0,
        max: 60,
      }),
      input({
        id: 'historyDays',
        kind: 'number',
        label: 'Keep who met whom, and rounds’ history, for (days)',
        hint: `Older meetings, check-ins and rounds are deleted for good. ${HISTORY_DAYS.min} days at least; 730 is two years.`,
        initial: s.historyDays,
        min: HISTORY_DAYS.min,
        max: HISTORY_DAYS.max,
      }),
      input({
        id: 'minDepartmentSize',
        kind: 'number',
        label: 'Insights: smallest department shown on its own',
        hint: 'In people. Smaller departments are shown together in insights, so no one can be picked out.',
        initial: s.minDepartmentSize,
        min: MIN_DEPARTMENT_SIZE.min,
        max: MIN_DEPARTMENT_SIZE.max,
      }),
      ...roundBlocks(rounds),
    ],
  };
}

const str = (v: FormValues[string]) => (typeof v === 'string' ? v : '');
const ticked = (v: FormValues[string]) => v === true;

/**
 * What an admin submitted in the settings form, as the core's checks take it; never throws.
 * A department field the form asked for and got no answer to is undefined: a field error.
 */
export function readSettingsForm(
  v: FormValues,
  state: Record<string, string> = {},
): KudosSettingsInput {
  const department = str(v.departmentField);
  const asked = state.departmentFields !== 'no';
  return {
    kudosChannelId: str(v.kudosChannelId) || null,
    dailyKudosLimit: str(v.dailyKudosLimit),
    kudosValues: str(v.kudosValues),
    departmentField: !department
      ? asked
        ? undefined
        : null
      : department === AUTOMATIC_FIELD
        ? null
        : department,
    timezone: str(v.timezone),
    kudosPrompt: {
      enabled: ticked(v.kudosPromptEnabled),
      weekday: str(v.kudosPromptWeekday),
      hour: str(v.kudosPromptHour),
    },
    kudosDigest: {
      enabled: ticked(v.kudosDigestEnabled),
      weekday: str(v.kudosDigestWeekday),
      hour: str(v.kudosDigestHour),
    },
    followupAfterMetDays: str(v.followupAfterMetDays),
    welcome: { enabled: ticked(v.welcomeEnabled), delayDays: str(v.welcomeDelayDays) },
    historyDays: str(v.historyDays),
    minDepartmentSize: str(v.minDepartmentSize),
  };
}

type Shown = Omit<RoundChannelSettings, 'channelId'> & { channelId: string | null };

/** An admin's form for one round channel: when, how big, who takes part. */
export function roundChannelForm(s: Shown): Form {
  const select = (id: string, label: string, options: Option[], initial: string, radio = false) =>
    input({ id, kind: 'select', label, options, initial, radio });
  return {
    id: 'round_channel',
    title: 'Intro round',
    submit: 'Save',
    close: 'Cancel',
    blocks: [
      input({
        id: 'channelId',
        kind: 'channel',
        label: 'Channel',
        placeholder: 'The channel whose members meet',
        ...(s.channelId && { initial: s.channelId }),
      }),
      input({
        id: 'enabled',
        kind: 'checkbox',
        label: 'On',
        text: 'Run intro rounds in this channel',
        initial: s.enabled,
        optional: true,
      }),
      select(
        'everyWeeks',
        'How often',
        [
          { label: 'Every week', value: '1' },
          { label: 'Every 2 weeks', value: '2' },
          { label: 'Every 4 weeks', value: '4' },
        ],
        String(s.everyWeeks),
      ),
      select('weekday', 'Day', dayOptions, String(s.weekday)),
      select('hour', 'Time', hourOptions, String(s.hour)),
      input({
        id: 'timezone',
        kind: 'text',
        label: 'Timezone',
        optional: true,
        hint: 'Empty: the workspace’s timezone.',
        placeholder: 'Europe/Berlin',
        ...(s.timezone && { initial: s.timezone }),
      }),
      select(
        'groupSize',
        'Group size',
        [2, 3, 4, 5, 6, 7, 8].map((n) => ({
          label: n === 2 ? 'Pairs' : `Groups of ${n}`,
          value: String(n),
        })),
        String(s.groupSize),
      ),
      input({
        id: 'repeatWindowDays',
        kind: 'number',
        label: 'Do not repeat a pair within (days)',
        hint: 'Unless there is no other choice.',
        initial: s.repeatWindowDays,
        min: 0,
        max: 730,
      }),
      select(
        'participation',
        'Who takes part',
        [
          { label: 'People who join (a Join button on each round’s post)', value: 'opt_in' },
          { label: 'Everyone in the channel', value: 'channel' },
        ],
        s.participation,
        true,
      ),
      select(
        'leftover',
        'An odd person out',
        [
          { label: 'Joins a group (a trio)', value: 'join' },
          { label: 'Sits out, in turn, and is told', value: 'sit_out' },
        ],
        s.leftover,
        true,
      ),
      input({
        id: 'checkinAfterDays',
        kind: 'number',
        label: 'Ask “did you meet?” after (days)',
        initial: s.checkinAfterDays,
        min: 1,
        max: 14,
      }),
    ],
  };
}

/** What an admin submitted in the round form; never throws. */
export function readRoundForm(v: FormValues): RoundChannelInput {
  return {
    channelId: str(v.channelId) || null,
    enabled: ticked(v.enabled),
    everyWeeks: str(v.everyWeeks),
    weekday: str(v.weekday),
    hour: str(v.hour),
    timezone: str(v.timezone),
    groupSize: str(v.groupSize),
    repeatWindowDays: str(v.repeatWindowDays),
    participation: str(v.participation),
    leftover: str(v.leftover),
    checkinAfterDays: str(v.checkinAfterDays),
  };
}
