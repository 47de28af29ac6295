import type { UsageProblem } from '../conversation/usage';
import { command, listOf, text, type Text } from '../conversation/text';
import type { Examples } from './common';

const eg = (...commands: string[]): Text =>
  text(
    commands.length > 1 ? 'For example: ' : 'For example ',
    listOf(
      commands.map((c) => [command(c)]),
      'or',
    ),
    '.',
  );

const followupExamples = (x: Examples) =>
  eg(
    `/followup ${x.person} tomorrow`,
    `/followup ${x.person} in 3 weeks about the budget review`,
    `/followup ${x.other} next monday`,
  );

const pauseExamples = () =>
  eg('/rapport pause 2w', '/rapport pause 10 days', '/rapport pause until jan 15');

const nudgeExamples = () =>
  eg('/rapport nudges off', '/rapport nudges on', '/rapport nudges every 4 weeks');

/** What was wrong with a typed command, and an example that names real colleagues. */
export function usageText(p: UsageProblem, x: Examples): Text {
  const quoted = (typed: string) => `"${[...typed.trim()].slice(0, 40).join('')}"`;
  switch (p.code) {
    case 'kudos_who':
      return text(
        'Who should get the kudos? Mention at least one person. ',
        eg(`/kudos ${x.person} ${x.other} thanks for untangling the billing migration`),
      );
    case 'kudos_what':
      return text(
        'Add a few words about what they did. ',
        eg(`/kudos ${x.person} thanks for the forecast`),
      );
    case 'followup_who':
      return text('Who should I remind you about? Mention one person. ', followupExamples(x));
    case 'followup_one':
      return text('One person at a time, please. ', followupExamples(x));
    case 'followup_group':
      return text('Follow-ups are with one person, not a group. ', followupExamples(x));
    case 'followup_cancel_which':
      return p.count === 0
        ? text('You have no follow-ups coming up, so there is nothing to cancel.')
        : text(
            `Which one? Give its number from `,
            command('/followup list'),
            `, from 1 to ${p.count}. `,
            eg('/followup cancel 1'),
          );
    case 'when_unreadable':
      return text(`I couldn't tell when ${quoted(p.typed)} is. `, followupExamples(x));
    case 'when_passed':
      return text('That date has passed. ', followupExamples(x));
    case 'when_time_passed':
      return text('That time has passed. ', followupExamples(x));
    case 'when_not_a_date':
      return text(`${p.typed} is not a date. `, followupExamples(x));
    case 'when_too_far':
      return text('Reminders can be set up to a year ahead. ', followupExamples(x));
    case 'about_too_long':
      return text(`Please keep what it is about to ${p.max} characters.`);
    case 'met_who':
      return text('Who did you meet? Mention them with @. ', eg(`/rapport met ${x.person}`));
    case 'met_too_many':
      return text(`At most ${p.max} people at a time.`);
    case 'mentor_who':
      return text('Who? Mention one person with @. ', eg(`/rapport ${p.role} ${x.person}`));
    case 'mentor_one':
      return text('One person at a time, please. ', eg(`/rapport ${p.role} ${x.person}`));
    case 'pause_how_long':
      return text('For how long? ', pauseExamples());
    case 'pause_unreadable':
      return text(`I couldn't read ${quoted(p.typed)}. `, pauseExamples());
    case 'pause_passed':
      return text('That date has passed. ', pauseExamples());
    case 'pause_too_long':
      return text('A pause can last up to a year. ', pauseExamples());
    case 'nudges_unreadable':
      return text(`I couldn't read ${quoted(p.typed)}. `, nudgeExamples());
    case 'nudges_range':
      return text('Choose between 1 week and a year. ', nudgeExamples());
    case 'suggestions_what':
      return text(
        'Say ',
        command('/rapport suggestions off'),
        ' or ',
        command('/rapport suggestions on'),
        '.',
      );
    case 'department_what':
      return text('Which department are you in? ', eg('/rapport department Finance'));
    case 'department_too_long':
      return text(`Please keep the department name to ${p.max} characters or fewer.`);
    case 'round_page':
      return text(`${quoted(p.typed)} is not a page number. `, eg(`/rapport round ${x.channel} 2`));
    case 'admin_what':
      return text(
        `I couldn't read ${quoted(p.typed)}. `,
        command('/rapport admin'),
        ' opens the settings; ',
        command(`/rapport admin add ${x.person}`),
        ' or ',
        command(`/rapport admin remove ${x.person}`),
        ' changes who runs Rapport.',
      );
    case 'admin_who':
      return text(
        p.grant ? 'Who should be an admin? ' : 'Who should stop being an admin? ',
        eg(`/rapport admin ${p.grant ? 'add' : 'remove'} ${x.person}`),
      );
    case 'insights_period':
      return text(
        `I couldn't read ${quoted(p.typed)} as a period. Insights look back over 4, 12 or 52 weeks. `,
        eg('/rapport insights 4w'),
      );
  }
}
