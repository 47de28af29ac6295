import { Blocks, Elements, Modal, Bits } from 'slack-block-builder';
import { MAX_MESSAGE_LENGTH, MAX_RECIPIENTS } from '../../../core/domain/kudos';

export const KUDOS_MODAL = 'kudos_modal';
export const FIELDS = {
  recipients: { block: 'recipients', action: 'recipients' },
  message: { block: 'message', action: 'message' },
  value: { block: 'value', action: 'value' },
} as const;

/** The /kudos form: who, what they did, and which value it shows. */
export function kudosModal(values: string[], channelId: string | null) {
  return Modal({
    title: 'Give kudos',
    submit: 'Celebrate',
    close: 'Cancel',
    callbackId: KUDOS_MODAL,
    privateMetaData: JSON.stringify({ channelId }),
  })
    .blocks(
      Blocks.Input({ label: 'Who helped?', blockId: FIELDS.recipients.block }).element(
        Elements.UserMultiSelect({
          actionId: FIELDS.recipients.action,
          placeholder: 'Pick up to 10 people',
        }).maxSelectedItems(MAX_RECIPIENTS),
      ),
      Blocks.Input({ label: 'What did they do?', blockId: FIELDS.message.block }).element(
        Elements.TextInput({ actionId: FIELDS.message.action, placeholder: 'Thanks for…' })
          .multiline(true)
          .maxLength(MAX_MESSAGE_LENGTH),
      ),
      Blocks.Input({ label: 'Which value did it show?', blockId: FIELDS.value.block })
        .optional(true)
        .element(
          Elements.StaticSelect({
            actionId: FIELDS.value.action,
            placeholder: 'Choose a value',
          }).options(values.map((v) => Bits.Option({ text: `#${v}`, value: v }))),
        ),
    )
    .buildToObject();
}
