import { insightsSummary } from './insights';
import {
  card,
  context,
  divider,
  header,
  section,
  type Block,
  type Card,
} from '../conversation/card';
import { bold, br, command, date, joined, shorten, text, type Text } from '../conversation/text';
import type { KudosRecord } from '../ports';
import type { Home } from '../use-cases/home';
import {
  introAnswerButtons,
  mutualAnswerButtons,
  networkSummaryBlocks,
  suggestionBlocks,
} from './network';
import { person, type Names } from './people';

const INTRODUCTIONS_SHOWN = 5;

function followupBlocks(home: Home, names: Names, zone: string): Block[] {
  return [
    section(
      home.followups.length > 0
        ? text(bold('Follow-ups coming up'))
        : text(
            bold('Follow-ups coming up'),
            br,
            'None. Set one with ',
            command('/followup @name in 3 weeks'),
            '.',
          ),
    ),
    ...home.followups.map((r) =>
      section(
        text(
          date(r.dueAt, zone, 'moment'),
          ': ',
          person(names, r.otherId),
          r.about && ` — ${r.about}`,
        ),
        { label: 'Cancel', action: 'reminder_cancel', payload: { id: r.id } },
      ),
    ),
  ];
}

function introductionBlocks(home: Home, names: Names, me: string): Block[] {
  const blocks = home.introductions.slice(0, INTRODUCTIONS_SHOWN).flatMap((i): Block[] => {
    if (i.targetId === me && i.status === 'asked')
      return [
        section(text(person(names, i.requesterId), ' would like to meet you.')),
        introAnswerButtons(i.id),
      ];
    if (i.mutualId === me && i.status === 'asking_mutual')
      return [
        section(
          text(
            person(names, i.requesterId),
            ' and ',
            person(names, i.targetId),
            ' are being introduced. Join them?',
          ),
        ),
        mutualAnswerButtons(i.id),
      ];
    return [
      section(text('Waiting for ', person(names, i.targetId), ' to answer your introduction.')),
    ];
  });
  return blocks.length > 0 ? [divider, section(text(bold('Introductions'))), ...blocks] : [];
}

function kudosLine(k: KudosRecord, direction: 'given' | 'received', names: Names): Text {
  const who =
    direction === 'given'
      ? text(
          'to ',
          joined(
            k.recipientIds.map((id) => [person(names, id)]),
            ', ',
          ),
        )
      : text('from ', person(names, k.giverId));
  return text('• ', who, `: ${shorten(k.message, 140)}`);
}

function kudosSection(
  title: string,
  list: KudosRecord[],
  direction: 'given' | 'received',
  names: Names,
) {
  return section(
    text(
      bold(title),
      br,
      list.length > 0
        ? joined(
            list.map((k) => kudosLine(k, direction, names)),
            '\n',
          )
        : 'None yet.',
    ),
  );
}

/** The member's home: their network, what waits on them, their latest kudos, and settings for admins. */
export function homeCard(home: Home, names: Names): Card {
  const me = home.summary.member;
  const zone = me.timezone;
  return card(
    'Rapport',
    header('Rapport'),
    ...networkSummaryBlocks(home.summary),
    divider,
    ...followupBlocks(home, names, zone),
    ...introductionBlocks(home, names, me.userId),
    ...(home.suggestions.length > 0
      ? [
          divider,
          section(text(bold('People you might like to meet'))),
          ...suggestionBlocks(home.suggestions, names),
        ]
      : []),
    divider,
    kudosSection('Kudos you received', home.recentReceived, 'received', names),
    kudosSection('Kudos you gave', home.recentGiven, 'given', names),
    context(
      text(
        'Give kudos with ',
        command('/kudos'),
        ', see every command with ',
        command('/rapport help'),
        '.',
      ),
    ),
    ...(me.isAdmin
      ? [
          divider,
          section(
            text(
              bold('Admin'),
              br,
              'Choose the kudos channel, the values, the daily allowance and the weekly prompt and digest.',
            ),
            { label: 'Open settings', action: 'open_settings' },
          ),
          ...(home.deliveries
            ? [
                context(
                  text(
                    `This week: ${home.deliveries.sent} messages sent, ${home.deliveries.dead} could not be sent. Details: `,
                    command('/rapport deliveries'),
                  ),
                ),
              ]
            : []),
          ...insightsSummary(home.insights, zone),
        ]
      : []),
  );
}

export const unknownHomeCard = (message: Text): Card =>
  card('Rapport', header('Rapport'), section(message));
