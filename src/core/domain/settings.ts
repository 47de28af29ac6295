import { MIN_DEPARTMENT_SIZE } from './insights';
import { normaliseValue } from './kudos';
import { isValidTimezone } from './time';

/** A weekly habit an admin can switch on and place in the week. */
export interface WeeklyHabit {
  enabled: boolean;
  /** ISO weekday: 1 is Monday, 7 is Sunday. */
  weekday: number;
  hour: number;
}

export const DEFAULT_KUDOS_PROMPT: WeeklyHabit = { enabled: true, weekday: 5, hour: 15 };
export const DEFAULT_KUDOS_DIGEST: WeeklyHabit = { enabled: true, weekday: 1, hour: 9 };
/** Days after a round's "we met" when each person is reminded to check in again; 0: never. */
export const DEFAULT_FOLLOWUP_AFTER_MET_DAYS = 21;
/** A new member's welcome, with introductions, some days after they join. */
export const DEFAULT_WELCOME = { enabled: true, delayDays: 3 };
/** Who met whom, and rounds' history, are kept two years unless an admin says otherwise. */
export const DEFAULT_HISTORY_DAYS = 730;
export const HISTORY_DAYS = { min: 90, max: 3650 };

/** What an admin submitted, as typed: numbers arrive as text. */
export interface KudosSettingsInput {
  kudosChannelId: string | null;
  dailyKudosLimit: string;
  kudosValues: string;
  /**
   * The directory attribute that names each member's department; null: found by label;
   * undefined: the form came back without an answer.
   */
  departmentField: string | null | undefined;
  /** An IANA zone such as Europe/Berlin; empty: where most members are. */
  timezone: string;
  kudosPrompt: { enabled: boolean; weekday: string; hour: string };
  kudosDigest: { enabled: boolean; weekday: string; hour: string };
  followupAfterMetDays: string;
  welcome: { enabled: boolean; delayDays: string };
  historyDays: string;
  minDepartmentSize: string;
}

export interface KudosSettings {
  kudosChannelId: string | null;
  dailyKudosLimit: number;
  kudosValues: string[];
  departmentField: string | null;
  /** null: follow where most members are. */
  timezone: string | null;
  kudosPrompt: WeeklyHabit;
  kudosDigest: WeeklyHabit;
  followupAfterMetDays: number;
  welcome: { enabled: boolean; delayDays: number };
  /** Days interactions and round history are kept before the retention job deletes them. */
  historyDays: number;
  /** Insights show departments with fewer members than this merged into one row. */
  minDepartmentSize: number;
}

export type KudosSettingsField =
  | 'dailyKudosLimit'
  | 'kudosValues'
  | 'departmentField'
  | 'timezone'
  | 'kudosPromptWeekday'
  | 'kudosPromptHour'
  | 'kudosDigestWeekday'
  | 'kudosDigestHour'
  | 'followupAfterMetDays'
  | 'welcomeDelayDays'
  | 'historyDays'
  | 'minDepartmentSize';

export type KudosSettingsCheck =
  | { ok: true; settings: KudosSettings }
  | { ok: false; errors: Partial<Record<KudosSettingsField, string>> };

const VALUE = /^\p{L}[\p{L}\p{N}_-]{0,29}$/u;
export const MAX_VALUES = 20;

function wholeNumber(text: string, min: number, max: number): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

function checkValues(text: string): { values: string[]; error?: string } {
  const values = [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((v) => normaliseValue(v.replace(/^#/, '')))
        .filter(Boolean),
    ),
  ];
  const bad = values.find((v) => !VALUE.test(v));
  if (values.length === 0) return { values, error: 'Give at least one value, such as #teamwork.' };
  if (bad)
    return {
      values,
      error: `#${bad} can't be a value: start with a letter, then letters, digits, - or _ (30 at most).`,
    };
  if (values.length > MAX_VALUES) return { values, error: `At most ${MAX_VALUES} values.` };
  return { values };
}

/** Checks what an admin typed into the settings, field by field. */
export function checkKudosSettings(input: KudosSettingsInput): KudosSettingsCheck {
  const errors: Partial<Record<KudosSettingsField, string>> = {};
  const limit = wholeNumber(input.dailyKudosLimit, 1, 100);
  if (limit === null) errors.dailyKudosLimit = 'A whole number from 1 to 100.';
  const values = checkValues(input.kudosValues);
  if (values.error) errors.kudosValues = values.error;
  if (input.departmentField === undefined)
    errors.departmentField = 'Choose the profile field that holds departments, or Automatic.';
  const zone = input.timezone.trim();
  if (zone && !isValidTimezone(zone))
    errors.timezone = `${zone.slice(0, 40)} is not a timezone. Use a name such as Europe/Berlin or America/New_York.`;

  const habit = (
    typed: KudosSettingsInput['kudosPrompt'],
    dayField: KudosSettingsField,
    hourField: KudosSettingsField,
  ): WeeklyHabit => {
    const weekday = wholeNumber(typed.weekday, 1, 7);
    const hour = wholeNumber(typed.hour, 0, 23);
    if (weekday === null) errors[dayField] = 'Choose a day of the week.';
    if (hour === null) errors[hourField] = 'Choose an hour from 0 to 23.';
    return { enabled: typed.enabled, weekday: weekday ?? 1, hour: hour ?? 0 };
  };
  const kudosPrompt = habit(input.kudosPrompt, 'kudosPromptWeekday', 'kudosPromptHour');
  const kudosDigest = habit(input.kudosDigest, 'kudosDigestWeekday', 'kudosDigestHour');

  const followupAfterMetDays = wholeNumber(input.followupAfterMetDays, 0, 180);
  if (followupAfterMetDays === null)
    errors.followupAfterMetDays = 'A number of days from 0 (never) to 180.';
  const welcomeDelayDays = wholeNumber(input.welcome.delayDays, 0, 60);
  if (welcomeDelayDays === null) errors.welcomeDelayDays = 'A number of days from 0 to 60.';
  const historyDays = wholeNumber(input.historyDays, HISTORY_DAYS.min, HISTORY_DAYS.max);
  if (historyDays === null)
    errors.historyDays = `A number of days from ${HISTORY_DAYS.min} to ${HISTORY_DAYS.max} (10 years).`;
  const { min, max } = MIN_DEPARTMENT_SIZE;
  const minDepartmentSize = wholeNumber(input.minDepartmentSize, min, max);
  if (minDepartmentSize === null)
    errors.minDepartmentSize = `A number of people from ${min} to ${max}.`;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      kudosChannelId: input.kudosChannelId,
      dailyKudosLimit: limit!,
      kudosValues: values.values,
      departmentField: input.departmentField ?? null,
      timezone: zone || null,
      kudosPrompt,
      kudosDigest,
      followupAfterMetDays: followupAfterMetDays!,
      welcome: { enabled: input.welcome.enabled, delayDays: welcomeDelayDays! },
      historyDays: historyDays!,
      minDepartmentSize: minDepartmentSize!,
    },
  };
}
