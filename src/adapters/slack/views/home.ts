import { Blocks, Elements, HomeTab } from 'slack-block-builder';
import type { KudosRecord } from '../../../core/ports';
import type { Home } from '../../../core/use-cases/home';
import { mention, toMrkdwn } from '../text';
import { summaryBlocks } from './summary';

export const OPEN_SETTINGS = 'open_settings';

function kudosLine(k: KudosRecord, direction: 'given' | 'received'): string {
  const who =
    direction === 'given'
      ? `to ${k.recipientIds.map(mention).join(', ')}`
      : `from ${mention(k.giverId)}`;
  const chars = [...k.message];
  const text = toMrkdwn(chars.length > 140 ? `${chars.slice(0, 140).join('')}…` : k.message, [
    k.giverId,
    ...k.recipientIds,
  ]);
  return `• ${who}: ${text}`;
}

function kudosSection(title: string, list: KudosRecord[], direction: 'given' | 'received') {
  const body =
    list.length > 0 ? list.map((k) => kudosLine(k, direction)).join('\n') : '_None yet._';
  return Blocks.Section({ text: `*${title}*\n${body}` });
}

/** The member's home tab: their network, their latest kudos and, for admins, the way to settings. */
export function homeView(home: Home) {
  const admin = home.summary.member.isAdmin
    ? [
        Blocks.Divider(),
        Blocks.Section({
          text: '*Admin*\nChoose the kudos channel, the values, the daily allowance and the weekly prompt and digest.',
        }).accessory(Elements.Button({ text: 'Open settings', actionId: OPEN_SETTINGS })),
        ...(home.deliveries
          ? [
              Blocks.Context().elements(
                `This week: ${home.deliveries.sent} messages sent, ${home.deliveries.dead} could not be sent. Details: \`/rapport deliveries\``,
              ),
            ]
          : []),
      ]
    : [];
  return HomeTab()
    .blocks(
      Blocks.Header({ text: 'Rapport' }),
      ...summaryBlocks(home.summary),
      Blocks.Divider(),
      kudosSection('Kudos you received', home.recentReceived, 'received'),
      kudosSection('Kudos you gave', home.recentGiven, 'given'),
      Blocks.Context().elements(
        'Give kudos with `/kudos`, see every command with `/rapport help`.',
      ),
      ...admin,
    )
    .buildToObject();
}

export function unknownHomeView(message: string) {
  return HomeTab()
    .blocks(Blocks.Header({ text: 'Rapport' }), Blocks.Section({ text: message }))
    .buildToObject();
}
