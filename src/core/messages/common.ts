import { card, section, type Card } from '../conversation/card';
import { command, dateWords, text, type Part, type Text } from '../conversation/text';

/**
 * How the examples in help and in error answers name people and a channel: real colleagues
 * of the reader (never the reader, so that following an example works), written the way
 * this platform's people type them ("@li" in the demo, "@Li Wei" on Slack).
 */
export interface Examples {
  person: string;
  other: string;
  channel: string;
}

export const FALLBACK_EXAMPLES: Examples = {
  person: '@colleague',
  other: '@teammate',
  channel: '#coffee',
};

/** A short private answer: one paragraph. */
export const note = (...parts: Part[]): Card => {
  const t = text(...parts);
  return card(summaryOf(t), section(t));
};

/** The first words of a text, for a notification preview. */
export function summaryOf(t: Text): string {
  const words = t
    .map((p) => {
      switch (p.type) {
        case 'date':
          return dateWords(p);
        case 'link':
          return p.label;
        case 'break':
          return ' ';
        case 'channel':
          return `#${p.name}`;
        default:
          return 'text' in p ? p.text : p.name;
      }
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return [...words].length > 150 ? `${[...words].slice(0, 149).join('')}…` : words;
}

export const unknownMember = (): Text =>
  text("I couldn't find you in this workspace's directory yet. Please try again in a minute.");

export const optedOut = (): Text =>
  text(
    "You've opted out of Rapport, so I'm not keeping anything for you right now. Come back any time with ",
    command('/rapport optin'),
    '.',
  );

export const adminsOnly = (): Text =>
  text('Only workspace admins can change Rapport’s settings or see its records.');

export const apology = (): Text =>
  text(
    'Sorry, something went wrong on my side and nothing was recorded. Please try again in a moment.',
  );

export const busy = (): Text =>
  text("I'm very busy right now and couldn't take that in. Please try again in a minute.");

export const staleButton = (): Text =>
  text(
    'That button is from an older version of Rapport and no longer works. Type ',
    command('/rapport help'),
    ' to see what you can do now.',
  );

export const staleShortcut = (): Text =>
  text(
    'That shortcut is from an older version of Rapport and no longer works. Type ',
    command('/rapport help'),
    ' to see what you can do now.',
  );

export const staleForm = (): Text =>
  text(
    'That form is from an older version of Rapport, so nothing was saved. Open it again to try once more.',
  );

export const unknownCommand = (): Text =>
  text("I don't know that command. Type ", command('/rapport help'), ' to see what I can do.');

export const personGone = (): Text => text('I could not find that person any more.');

/** "1 person", "2 people". */
export const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The page a browser shows after installing Rapport. */
export const installedPage = (platform: string) => ({
  title: 'Rapport is installed.',
  body: text('Type ', command('/rapport help'), ` in ${platform} to begin.`),
});

/** A second copy of a request whose work is done (Teams resent it): nothing more happens. */
export const alreadyDone = (): Text => text('That is already done.');

/** A form closed without saving. */
export const formClosed = (): Text => text('Closed without saving anything.');

/** A form sent, with nothing more to say about it. */
export const formSaved = (): Text => text('Saved.');
