import { Bits, Blocks, Elements } from 'slack-block-builder';
import type { WeeklyHabit } from '../../../core/domain/settings';

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

export const ON = 'on';

export interface HabitIds {
  enabled: string;
  weekday: string;
  hour: string;
}

const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** An on/off box, a day and an hour: one weekly habit in the settings form. */
export function habitInputs(ids: HabitIds, label: string, what: string, habit: WeeklyHabit) {
  const on = Bits.Option({ text: what, value: ON });
  const days = WEEKDAYS.map((d, i) => Bits.Option({ text: d, value: String(i + 1) }));
  const hours = Array.from({ length: 24 }, (_v, h) =>
    Bits.Option({ text: hourLabel(h), value: String(h) }),
  );
  const box = Elements.Checkboxes({ actionId: ids.enabled }).options(on);
  return [
    Blocks.Input({ label, blockId: ids.enabled })
      .optional(true)
      .element(habit.enabled ? box.initialOptions(on) : box),
    Blocks.Input({ label: `${label}: day`, blockId: ids.weekday }).element(
      Elements.StaticSelect({ actionId: ids.weekday })
        .options(days)
        .initialOption(days[habit.weekday - 1]!),
    ),
    Blocks.Input({ label: `${label}: time`, blockId: ids.hour }).element(
      Elements.StaticSelect({ actionId: ids.hour })
        .options(hours)
        .initialOption(hours[habit.hour]!),
    ),
  ];
}
