import { Blocks, Elements, HomeTab } from 'slack-block-builder';
import type { KudosRecord } from '../../../core/ports';
import type { Home } from '../../../core/use-cases/home';
import { mention, toMrkdwn } from '../text';
import { summaryBlocks } from './summary';
import { REMINDER_ACTIONS } from './followups';
import { INTRO_ANSWERS, MUTUAL_ANSWERS, suggestionBlocks } from './network';

const INTRODUCTIONS_SHOWN = 5;

const when = (at: Date) =>
  `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} {time}|${at.toISOString().slice(0, 16)}>`;

/** Follow-ups coming up, introductions waiting, and people to meet. */
function relationshipBlocks(home: Home, me: string) {
  const followups = home.followups.map((r) =>
    Blocks.Section({
      text: `${when(r.dueAt)}: ${mention(r.otherId)}${r.about ? ` — ${toMrkdwn(r.about)}` : ''}`,
    }).accessory(
      Elements.Button({ text: 'Cancel', actionId: REMINDER_ACTIONS.cancel, value: r.id }),
    ),
  );
  const introductions = home.introductions.slice(0, INTRODUCTIONS_SHOWN).flatMap((i) => {
    if (i.targetId === me && i.status === 'asked')
      return [
        Blocks.Section({ text: `${mention(i.requesterId)} would like to meet you.` }),
        Blocks.Actions().elements(
          Elements.Button({
            text: 'Yes, introduce us',
            actionId: INTRO_ANSWERS.accept,
            value: i.id,
          }).primary(),
          Elements.Button({ text: 'Not now', actionId: INTRO_ANSWERS.decline, value: i.id }),
        ),
      ];
    if (i.mutualId === me && i.status === 'asking_mutual')
      return [
        Blocks.Section({
          text: `${mention(i.requesterId)} and ${mention(i.targetId)} are being introduced. Join them?`,
        }),
        Blocks.Actions().elements(
          Elements.Button({ text: 'Join', actionId: MUTUAL_ANSWERS.join, value: i.id }).primary(),
          Elements.Button({ text: 'No thanks', actionId: MUTUAL_ANSWERS.decline, value: i.id }),
        ),
      ];
    return [
      Blocks.Section({ text: `Waiting for ${mention(i.targetId)} to answer your introduction.` }),
    ];
  });
  return [
    Blocks.Divider(),
    Blocks.Section({
      text:
        followups.length > 0
          ? '*Follow-ups coming up*'
          : '*Follow-ups coming up*\n_None. Set one with `/followup @name in 3 weeks`._',
    }),
    ...followups,
    ...(introductions.length > 0
      ? [Blocks.Divider(), Blocks.Section({ text: '*Introductions*' }), ...introductions]
      : []),
    ...(home.suggestions.length > 0
      ? [
          Blocks.Divider(),
          Blocks.Section({ text: '*People you might like to meet*' }),
          ...suggestionBlocks(home.suggestions),
        ]
      : []),
  ];
}

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
      ...relationshipBlocks(home, home.summary.member.userId),
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
