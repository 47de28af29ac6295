import { Bits, Blocks, Elements, Modal } from 'slack-block-builder';
import type { RoundChannelField, RoundChannelSettings } from '../../../core/domain/rounds';
import { WEEKDAYS } from './habit-inputs';

export const ROUND_MODAL = 'round_channel_modal';
export const ON = 'on';

/** Block and action ids are the same: the core's field names. */
export const ROUND_FIELDS: Record<RoundChannelField | 'enabled', string> = {
  channelId: 'channel',
  enabled: 'enabled',
  everyWeeks: 'every_weeks',
  weekday: 'weekday',
  hour: 'hour',
  timezone: 'timezone',
  groupSize: 'group_size',
  repeatWindowDays: 'repeat_window_days',
  participation: 'participation',
  leftover: 'leftover',
  checkinAfterDays: 'checkin_after_days',
};

type Shown = Omit<RoundChannelSettings, 'channelId'> & { channelId: string | null };

type Choice = [text: string, value: string];
const option = (text: string, value: string) => Bits.Option({ text, value });

function choose(choices: Choice[], current: string) {
  const options = choices.map(([text, value]) => option(text, value));
  const at = Math.max(
    0,
    choices.findIndex(([, value]) => value === current),
  );
  return { options, initial: options[at]! };
}

function select(id: string, label: string, choices: Choice[], current: string) {
  const { options, initial } = choose(choices, current);
  return Blocks.Input({ label, blockId: id }).element(
    Elements.StaticSelect({ actionId: id }).options(options).initialOption(initial),
  );
}

function radio(id: string, label: string, choices: Choice[], current: string) {
  const { options, initial } = choose(choices, current);
  return Blocks.Input({ label, blockId: id }).element(
    Elements.RadioButtons({ actionId: id }).options(options).initialOption(initial),
  );
}

/** An admin's form for one round channel: when, how big, who takes part. */
export function roundChannelModal(s: Shown) {
  const F = ROUND_FIELDS;
  const on = option('Run intro rounds in this channel', ON);
  const box = Elements.Checkboxes({ actionId: F.enabled }).options(on);
  return Modal({ title: 'Intro round', submit: 'Save', close: 'Cancel' })
    .callbackId(ROUND_MODAL)
    .blocks(
      Blocks.Input({ label: 'Channel', blockId: F.channelId }).element(
        Elements.ConversationSelect({
          actionId: F.channelId,
          placeholder: 'The channel whose members meet',
          ...(s.channelId ? { initialConversation: s.channelId } : {}),
        }).filter('public', 'private'),
      ),
      Blocks.Input({ label: 'On', blockId: F.enabled })
        .optional(true)
        .element(s.enabled ? box.initialOptions(on) : box),
      select(
        F.everyWeeks,
        'How often',
        [
          ['Every week', '1'],
          ['Every 2 weeks', '2'],
          ['Every 4 weeks', '4'],
        ],
        String(s.everyWeeks),
      ),
      select(
        F.weekday,
        'Day',
        WEEKDAYS.map((d, i): Choice => [d, String(i + 1)]),
        String(s.weekday),
      ),
      select(
        F.hour,
        'Time',
        Array.from({ length: 24 }, (_v, h): Choice => [
          `${String(h).padStart(2, '0')}:00`,
          String(h),
        ]),
        String(s.hour),
      ),
      Blocks.Input({ label: 'Timezone', blockId: F.timezone })
        .optional(true)
        .hint('Empty: the workspace’s timezone.')
        .element(
          Elements.TextInput({
            actionId: F.timezone,
            placeholder: 'Europe/Berlin',
            ...(s.timezone ? { initialValue: s.timezone } : {}),
          }),
        ),
      select(
        F.groupSize,
        'Group size',
        [2, 3, 4, 5, 6, 7, 8].map((n): Choice => [n === 2 ? 'Pairs' : `Groups of ${n}`, String(n)]),
        String(s.groupSize),
      ),
      Blocks.Input({ label: 'Do not repeat a pair within (days)', blockId: F.repeatWindowDays })
        .hint('Unless there is no other choice.')
        .element(
          Elements.NumberInput({
            actionId: F.repeatWindowDays,
            initialValue: s.repeatWindowDays,
            isDecimalAllowed: false,
            minValue: 0,
            maxValue: 730,
          }),
        ),
      radio(
        F.participation,
        'Who takes part',
        [
          ['People who join (a Join button on each round’s post)', 'opt_in'],
          ['Everyone in the channel', 'channel'],
        ],
        s.participation,
      ),
      radio(
        F.leftover,
        'An odd person out',
        [
          ['Joins a group (a trio)', 'join'],
          ['Sits out, in turn, and is told', 'sit_out'],
        ],
        s.leftover,
      ),
      Blocks.Input({
        label: 'Ask “did you meet?” after (days)',
        blockId: F.checkinAfterDays,
      }).element(
        Elements.NumberInput({
          actionId: F.checkinAfterDays,
          initialValue: s.checkinAfterDays,
          isDecimalAllowed: false,
          minValue: 1,
          maxValue: 14,
        }),
      ),
    )
    .buildToObject();
}
