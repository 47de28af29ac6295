import { card, context, header, section, type Card } from '../conversation/card';
import { bold, br, command, text } from '../conversation/text';

/** Where Rapport was just added: someone's own chat with it, a team, or a group chat. */
export type InstalledIn = 'personal' | 'team' | 'groupChat';

/**
 * The one hello after Rapport is added somewhere. On a platform where the app is added to a
 * conversation (Teams), commands are typed as messages: alone in a personal chat, after a
 * mention of Rapport in a team or a group chat.
 */
export function installWelcome(where: InstalledIn, botName = 'Rapport'): Card {
  const ask = (words: string) => (where === 'personal' ? words : `@${botName} ${words}`);
  if (where === 'personal')
    return card(
      'Hi, I am Rapport.',
      header('Hi, I am Rapport'),
      section(
        text(
          'I help you celebrate colleagues and keep in touch with the people your work runs on. ',
          'Type a command here, with or without a slash:',
        ),
      ),
      section(
        text(
          command(ask('kudos @name thanks for …')),
          '  thank a colleague in public',
          br,
          command(ask('followup @name in 2 weeks')),
          '  a reminder to get back in touch',
          br,
          command(ask('me')),
          '  how your network is growing',
          br,
          command(ask('help')),
          '  everything else',
        ),
      ),
      context(text('Not for you? ', command(ask('optout')), ' and I will not message you again.')),
    );
  const place = where === 'team' ? 'this team' : 'this chat';
  return card(
    `Rapport was added to ${place}.`,
    header(`Rapport is here`),
    section(
      text(
        `Thanks for adding me to ${place}. Mention me with a command: `,
        command(ask('kudos @name thanks for …')),
        ' celebrates a colleague, ',
        command(ask('help')),
        ' lists the rest.',
      ),
    ),
    ...(where === 'team'
      ? [
          context(
            text(
              bold('Admins:'),
              ' ',
              command(ask('rounds')),
              ' sets up intro rounds that introduce people across departments.',
            ),
          ),
        ]
      : []),
  );
}
