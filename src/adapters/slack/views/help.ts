import { Blocks, Message } from 'slack-block-builder';
import { COMMANDS } from '../../../core/domain/help';
import { toMrkdwn } from '../text';

export function helpMessage(intro?: string) {
  const lines = COMMANDS.map(
    (c) =>
      `*\`${toMrkdwn(c.usage)}\`*  ${toMrkdwn(c.does)}` +
      (c.example === c.usage ? '' : `\n      e.g. \`${toMrkdwn(c.example)}\``),
  );
  return Message({ text: 'Rapport commands' })
    .blocks(
      ...(intro ? [Blocks.Section({ text: intro })] : []),
      Blocks.Section({ text: '*Rapport helps you build the relationships your work runs on.*' }),
      Blocks.Section({ text: lines.join('\n') }),
    )
    .buildToObject();
}
