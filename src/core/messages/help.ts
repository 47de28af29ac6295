import { card, context, section, type Card } from '../conversation/card';
import { bold, br, command, text, type Text } from '../conversation/text';
import type { Examples } from './common';

export interface CommandHelp {
  usage: string;
  does: string;
  example?: (x: Examples) => string;
}

/** Every command, grouped as people look for them; examples name real colleagues. */
export const COMMAND_GROUPS: Array<{ title: string; commands: CommandHelp[] }> = [
  {
    title: 'Kudos',
    commands: [
      {
        usage: '/kudos @name [@name …] <message> [#value]',
        does: 'celebrate up to 10 colleagues in public; each gets a note from Rapport',
        example: (x) => `/kudos ${x.person} ${x.other} thanks for untangling the billing migration`,
      },
      { usage: '/kudos', does: 'a form to pick people, write a message and choose a value' },
      { usage: '/rapport values', does: 'the values you can tag kudos with' },
    ],
  },
  {
    title: 'Follow-ups',
    commands: [
      {
        usage: '/followup @name [when] [about …]',
        does: 'a reminder at the start of your working day: tomorrow, in 3 days, next monday, jan 15 (a week if you do not say)',
        example: (x) => `/followup ${x.person} in 3 weeks about the budget review`,
      },
      { usage: '/followup list', does: 'the follow-ups coming up, numbered' },
      {
        usage: '/followup cancel <number>',
        does: 'cancel one from the list',
        example: () => '/followup cancel 2',
      },
    ],
  },
  {
    title: 'Your network',
    commands: [
      {
        usage: '/rapport me',
        does: 'your network: who is meaningful, who is going cold, departments reached',
      },
      {
        usage: '/rapport home',
        does: 'what waits for you: follow-ups, introductions, suggestions and recent kudos',
      },
      {
        usage: '/rapport met @name',
        does: 'record that you met someone; it counts toward your network',
        example: (x) => `/rapport met ${x.person}`,
      },
      {
        usage: '/rapport mentor @name (or mentee @name)',
        does: 'say who mentors you (or whom you mentor); they are told; add "off" to undo',
        example: (x) => `/rapport mentor ${x.other}`,
      },
      {
        usage: '/rapport suggest',
        does: 'people you might like to meet; they are asked before anything opens',
      },
      {
        usage: '/rapport nudges off | on | every <n> weeks',
        does: 'weekly nudges about people you have not been in touch with for a while',
        example: () => '/rapport nudges every 4 weeks',
      },
      { usage: '/rapport suggestions off | on', does: 'weekly suggestions of people to meet' },
    ],
  },
  {
    title: 'Intro rounds',
    commands: [
      {
        usage: '/rapport join [#channel]',
        does: 'meet someone from another department in each round of that channel',
        example: (x) => `/rapport join ${x.channel}`,
      },
      { usage: '/rapport skip [#channel]', does: 'sit out the next round only' },
      {
        usage: '/rapport pause <how long>',
        does: 'no intros, check-ins or reminders for a while; it ends by itself',
        example: () => '/rapport pause until jan 15',
      },
      { usage: '/rapport resume', does: 'end a pause now' },
      { usage: '/rapport leave [#channel]', does: 'stop taking part in a channel’s rounds' },
    ],
  },
  {
    title: 'You',
    commands: [
      { usage: '/rapport settings', does: 'everything you have chosen, and how to change it' },
      {
        usage: '/rapport department <name>',
        does: 'say which department you are in, if your profile does not',
        example: () => '/rapport department Finance',
      },
      {
        usage: '/rapport optout',
        does: 'stop all kudos, introductions and reminders for you (optin to come back)',
      },
      { usage: '/rapport help', does: 'this list' },
    ],
  },
  {
    title: 'Your data',
    commands: [
      {
        usage: '/rapport export',
        does: 'a file of everything Rapport keeps about you, sent only to you',
      },
      {
        usage: '/rapport forget-me',
        does: 'delete everything Rapport keeps about you, after you confirm; kudos you gave stay, from a former colleague',
      },
    ],
  },
  {
    title: 'Admins',
    commands: [
      {
        usage: '/rapport admin',
        does: 'kudos channel, values, allowance, weekly prompt and digest, welcome',
      },
      {
        usage: '/rapport admin add @name (or remove @name)',
        does: 'let someone else run Rapport too, or take it back',
        example: (x) => `/rapport admin add ${x.person}`,
      },
      {
        usage: '/rapport rounds [#channel]',
        does: 'the intro rounds, and a form to add or change one',
      },
      {
        usage: '/rapport round [#channel] [page]',
        does: 'the latest round: who was matched, told, met, and who sat out and why',
        example: (x) => `/rapport round ${x.channel}`,
      },
      {
        usage: '/rapport insights [4w|12w|52w]',
        does: 'which departments are linked (a heatmap), rounds, kudos, and who has no contact elsewhere; with CSV files',
      },
      {
        usage: '/rapport deliveries',
        does: 'what Rapport sent this week, and what it could not send and why',
      },
    ],
  },
];

/** The subcommands `/rapport` takes, for "did you mean". */
export const SUBCOMMANDS = [
  ...new Set(
    COMMAND_GROUPS.flatMap((g) => g.commands)
      .map((c) => /^\/rapport ([\w-]+)/.exec(c.usage)?.[1])
      .filter((s): s is string => Boolean(s)),
  ),
  'mentee',
  'optin',
];

const line = (c: CommandHelp, x: Examples): Text => {
  const example = c.example?.(x);
  return text(command(c.usage), `  ${c.does}`, example && text(' — e.g. ', command(example)));
};

/** `/rapport help`: every command, with examples that name the reader's colleagues. */
export function helpCard(x: Examples): Card {
  return card(
    'Rapport commands',
    section(text(bold('Rapport helps you build the relationships your work runs on.'))),
    ...COMMAND_GROUPS.map((g) =>
      section(text(bold(g.title), ...g.commands.flatMap((c) => [br, ...line(c, x)]))),
    ),
  );
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_v, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The subcommand someone probably meant: one or two letters off, or the start of one. */
export function closestSubcommand(typed: string): string | null {
  const t = typed.toLowerCase();
  if (t.length < 2) return null;
  const scored = SUBCOMMANDS.map((s) => ({
    s,
    d: s.startsWith(t) ? 0.5 : distance(t, s),
  })).sort((a, b) => a.d - b.d);
  const best = scored[0];
  return best && best.d <= (t.length <= 3 ? 1 : 2) ? best.s : null;
}

/** An unknown `/rapport` subcommand: a short answer, not the whole help. */
export function unknownSubcommand(typed: string): Card {
  const shown = [...typed].slice(0, 40).join('');
  const guess = closestSubcommand(typed);
  return card(
    'Unknown command',
    section(text("I don't know ", command(`/rapport ${shown}`), '.')),
    guess !== null && section(text('Did you mean ', command(`/rapport ${guess}`), '?')),
    context(text('Type ', command('/rapport help'), ' to see everything I can do.')),
  );
}
