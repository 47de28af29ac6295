export interface CommandHelp {
  usage: string;
  does: string;
  example: string;
  /** Only on a chat platform: it needs forms (Slack modals, Teams cards) or what the demo lacks. */
  platformOnly?: boolean;
}

/** Every command a member can type, with an example: the one list each adapter's help shows. */
export const COMMANDS: CommandHelp[] = [
  {
    usage: '/kudos @name [@name …] <message> [#value]',
    does: 'celebrate up to 10 colleagues in public; each gets a note from Rapport',
    example: '/kudos @ana @li thanks for untangling the billing migration #ownership',
  },
  {
    usage: '/kudos',
    does: 'open a form to pick people, write a message and choose a value',
    example: '/kudos',
    platformOnly: true,
  },
  {
    usage: '/rapport me',
    does: 'your network: kudos, connections by kind, departments reached',
    example: '/rapport me',
  },
  {
    usage: '/followup @name <when> [about …]',
    does: 'a reminder by DM at the start of your working day: tomorrow, in 3 days, next monday, on 2027-01-15',
    example: '/followup @carol in 3 weeks about the budget review',
  },
  {
    usage: '/followup list',
    does: 'the follow-ups coming up, with a way to cancel each',
    example: '/followup list',
  },
  {
    usage: '/rapport met @name',
    does: 'record that you met someone; it counts toward your network',
    example: '/rapport met @priya',
  },
  {
    usage: '/rapport mentor @name (or mentee @name)',
    does: 'say who mentors you (or whom you mentor); add "off" to undo',
    example: '/rapport mentor @ana',
  },
  {
    usage: '/rapport suggest',
    does: 'up to three people you might like to meet; they are asked before anything opens',
    example: '/rapport suggest',
  },
  {
    usage: '/rapport nudges off | on | every <n> weeks',
    does: 'weekly keep-in-touch nudges about people you have not been in touch with for a while',
    example: '/rapport nudges every 4 weeks',
  },
  {
    usage: '/rapport suggestions off | on',
    does: 'weekly suggestions of people to meet',
    example: '/rapport suggestions off',
  },
  {
    usage: '/rapport join [#channel]',
    does: 'meet someone from another department in each round of that channel',
    example: '/rapport join #coffee',
  },
  {
    usage: '/rapport skip [#channel]',
    does: 'sit out the next round only',
    example: '/rapport skip',
  },
  {
    usage: '/rapport pause <how long>',
    does: 'no intros, check-ins or reminders for a while; it ends by itself (/rapport resume ends it sooner)',
    example: '/rapport pause 2w',
  },
  {
    usage: '/rapport leave [#channel]',
    does: 'stop taking part in a channel’s rounds',
    example: '/rapport leave #coffee',
  },
  {
    usage: '/rapport department <name>',
    does: 'say which department you are in, if your profile does not',
    example: '/rapport department Finance',
  },
  {
    usage: '/rapport values',
    does: 'the values you can tag kudos with',
    example: '/rapport values',
  },
  {
    usage: '/rapport optout',
    does: 'stop all kudos, introductions and reminders for you (/rapport optin to come back)',
    example: '/rapport optout',
  },
  {
    usage: '/rapport admin',
    does: 'admins: choose the kudos channel, values, daily allowance and department field',
    example: '/rapport admin',
    platformOnly: true,
  },
  {
    usage: '/rapport rounds [#channel]',
    does: 'admins: the intro rounds, and a form to add one or change a channel’s',
    example: '/rapport rounds #coffee',
    platformOnly: true,
  },
  {
    usage: '/rapport round [#channel] [page]',
    does: 'admins: the latest round: who was matched, told, met, and who sat out and why; a big round has pages',
    example: '/rapport round #coffee',
    platformOnly: true,
  },
  {
    usage: '/rapport deliveries',
    does: 'admins: what Rapport sent this week, and what it could not send and why',
    example: '/rapport deliveries',
    platformOnly: true,
  },
  { usage: '/rapport help', does: 'this list', example: '/rapport help' },
];
