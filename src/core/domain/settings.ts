import { normaliseValue } from './kudos';

export interface KudosSettingsInput {
  kudosChannelId: string | null;
  dailyKudosLimit: string;
  kudosValues: string;
  /** The directory attribute that names each member's department; null: members say it. */
  departmentField: string | null;
}

export interface KudosSettings {
  kudosChannelId: string | null;
  dailyKudosLimit: number;
  kudosValues: string[];
  departmentField: string | null;
}

export type KudosSettingsField = 'dailyKudosLimit' | 'kudosValues';

export type KudosSettingsCheck =
  | { ok: true; settings: KudosSettings }
  | { ok: false; errors: Partial<Record<KudosSettingsField, string>> };

const VALUE = /^\p{L}[\p{L}\p{N}_-]{0,29}$/u;
export const MAX_VALUES = 20;

/** Checks what an admin typed into the kudos settings, field by field. */
export function checkKudosSettings(input: KudosSettingsInput): KudosSettingsCheck {
  const errors: Partial<Record<KudosSettingsField, string>> = {};
  const limit = Number(input.dailyKudosLimit.trim());
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    errors.dailyKudosLimit = 'A whole number from 1 to 100.';

  const values = [
    ...new Set(
      input.kudosValues
        .split(/[\s,]+/)
        .map((v) => normaliseValue(v.replace(/^#/, '')))
        .filter(Boolean),
    ),
  ];
  const bad = values.find((v) => !VALUE.test(v));
  if (values.length === 0) errors.kudosValues = 'Give at least one value, such as #teamwork.';
  else if (bad)
    errors.kudosValues = `#${bad} can't be a value: start with a letter, then letters, digits, - or _ (30 at most).`;
  else if (values.length > MAX_VALUES) errors.kudosValues = `At most ${MAX_VALUES} values.`;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      kudosChannelId: input.kudosChannelId,
      dailyKudosLimit: limit,
      kudosValues: values,
      departmentField: input.departmentField,
    },
  };
}
