import { MAX_MESSAGE_LENGTH, MAX_RECIPIENTS } from '../domain/kudos';
import type { KudosDigest } from '../domain/digest';
import type { KudosRejection } from '../errors';
import { card, context, input, section, type Card, type Form } from '../conversation/card';
import { bold, br, channel, command, joined, listOf, text, type Text } from '../conversation/text';
import { count, summaryOf, type Examples } from './common';
import { usageText } from './usage';
import { person, type Names } from './people';

const tags = (values: readonly string[]) => values.map((v) => `#${v}`);

/** A refused kudos, privately: what was wrong and how to put it right. */
export function kudosRejectionText(r: KudosRejection, x: Examples): Text {
  switch (r.code) {
    case 'unknown_giver':
      return text(
        "I couldn't find you in this workspace's directory yet, so I can't record kudos from you.",
      );
    case 'giver_opted_out':
      return text(
        "You've opted out of Rapport. Opt back in with ",
        command('/rapport optin'),
        ' to give kudos.',
      );
    case 'group_recipient':
      return ['@here', '@channel', '@everyone'].includes(r.name ?? '')
        ? text(`Kudos go to people, not to ${r.name}: mention each person you want to thank.`)
        : text(
            `Kudos go to people, not to groups like ${r.name}. Mention each person you want to thank.`,
          );
    case 'no_recipients':
      return usageText({ code: 'kudos_who' }, x);
    case 'too_many_recipients':
      return text(
        `That's ${r.count} people; kudos can go to at most ${MAX_RECIPIENTS} at a time. Split them into smaller groups.`,
      );
    case 'message_required':
      return usageText({ code: 'kudos_what' }, x);
    case 'message_too_long':
      return text(
        `Your message is ${r.count} characters; please keep it to ${MAX_MESSAGE_LENGTH.toLocaleString('en')} or fewer.`,
      );
    case 'unknown_recipient':
      return text(`I don't know who ${r.name} is. Mention people with @ so I can find them.`);
    case 'self_kudos':
      return text(
        "Kudos are for thanking others, so you can't give them to yourself. Who helped you this week?",
      );
    case 'recipient_is_bot':
      return text(`${r.name} is a bot; kudos are for people.`);
    case 'recipient_deactivated':
      return text(`${r.name} is no longer active in this workspace, so they can't receive kudos.`);
    case 'recipient_opted_out':
      return text(
        `${r.name} has opted out of Rapport, so I can't record kudos for them. A direct thank-you still works!`,
      );
    case 'unknown_value': {
      const values = r.values ?? [];
      return text(
        `${tags(values).join(', ')} ${values.length > 1 ? "aren't" : "isn't"} one of this workspace's values. Use one of: ${tags(r.allowed ?? []).join(', ')}.`,
      );
    }
    case 'daily_limit_reached':
      return r.remaining === 0
        ? text(
            `You've given all ${r.limit} of today's kudos. Your allowance refills at midnight your time.`,
          )
        : text(
            `You have ${r.remaining} kudos left today, and this would give ${r.count}. Pick fewer people or wait until midnight your time.`,
          );
  }
}

export interface KudosShown {
  giverId: string;
  recipientIds: string[];
  message: string;
  values: string[];
}

const quote = (message: string): Card['blocks'][number] => ({
  type: 'quote',
  text: text(message),
});

/** The public celebration, in the kudos channel or where the kudos was given. */
export function kudosPost(k: KudosShown, names: Names): Card {
  const headline = text(
    '🎉 ',
    person(names, k.giverId),
    ' gave kudos to ',
    listOf(k.recipientIds.map((id) => [person(names, id)])),
  );
  return card(
    `${summaryOf(headline)}: ${k.message}`,
    section(headline),
    quote(k.message),
    k.values.length > 0 && context(text(`Values: ${tags(k.values).join(' ')}`)),
  );
}

/** The note each person thanked gets from Rapport. */
export function kudosReceived(k: KudosShown & { channelId: string | null }, names: Names): Card {
  const headline = text(
    '🎉 ',
    person(names, k.giverId),
    ' gave you kudos',
    k.channelId && text(' in ', channel(k.channelId)),
  );
  return card(
    `${summaryOf(headline)}: ${k.message}`,
    section(headline),
    quote(k.message),
    context(text('Say thanks, or pass it on with ', command('/kudos'), '.')),
  );
}

/** What the giver hears when the celebration goes somewhere else, or could not be posted. */
export const kudosPostedElsewhere = (channelId: string | null): Text =>
  channelId
    ? text('Thanks for celebrating! Your kudos is posted in ', channel(channelId), '.')
    : text('Thanks for celebrating! Your kudos is recorded, and each person will hear from me.');

/** The celebration could not be posted where it was meant to go. */
export const kudosPostFailed = (channelId: string): Card =>
  card(
    'Your kudos could not be posted',
    section(
      text(
        "Your kudos is recorded and each person has heard from me, but I couldn't post it in ",
        channel(channelId),
        '. Add Rapport to that channel, or ask an admin to choose another kudos channel.',
      ),
    ),
  );

export const kudosNotPostedHere = (): Text =>
  text(
    "Your kudos is recorded and each person will hear from me, but I couldn't post it here. Add Rapport to this channel to celebrate here next time.",
  );

/** The weekly "who helped you this week?" post. */
export function kudosPrompt(values: string[]): Card {
  return card(
    'Who helped you this week?',
    section(
      text('🙌 ', bold('Who helped you this week?'), ' Thank them where everyone can see it.'),
    ),
    context(text(command('/kudos @name thanks for …'), ` · values: ${tags(values).join(' ')}`)),
  );
}

const CELEBRATED_SHOWN = 10;

/** The weekly summary of last week's kudos. */
export function kudosDigest(d: KudosDigest, names: Names): Card {
  const headline = text(
    '✨ ',
    bold('This week in kudos:'),
    ` ${count(d.kudosCount, 'kudos', 'kudos')} from ${count(d.givers, 'person', 'people')}`,
  );
  const shown = d.celebrated.slice(0, CELEBRATED_SHOWN);
  const more = d.celebrated.length - shown.length;
  const celebrated = text(
    bold('Celebrated:'),
    ' ',
    joined(
      shown.map((c) => text(person(names, c.userId), c.count > 1 && ` ×${c.count}`)),
      ', ',
    ),
    more > 0 && ` and ${more} more`,
  );
  const values = d.values.map((v) => text(`#${v.value} ×${v.count}`));
  const flows = d.departmentThanks.slice(0, 5).map((f) => text(`${f.from} → ${f.to} ×${f.count}`));
  return card(
    `This week in kudos: ${count(d.kudosCount, 'kudos', 'kudos')}`,
    section(headline),
    section(celebrated),
    values.length > 0 && section(text(bold('Values:'), ' ', joined(values, ' · '))),
    flows.length > 0 && section(text(bold('Thanks across departments'), br, joined(flows, '\n'))),
  );
}

/** The form /kudos opens when typed alone: who, what they did, which value. */
export function kudosForm(values: string[], channelId: string | null): Form {
  return {
    id: 'kudos',
    title: 'Give kudos',
    submit: 'Celebrate',
    close: 'Cancel',
    state: channelId ? { channelId } : {},
    blocks: [
      input({
        id: 'recipients',
        kind: 'people',
        label: 'Who helped?',
        max: MAX_RECIPIENTS,
        placeholder: `Pick up to ${MAX_RECIPIENTS} people`,
      }),
      input({
        id: 'message',
        kind: 'text',
        label: 'What did they do?',
        multiline: true,
        maxLength: MAX_MESSAGE_LENGTH,
        placeholder: 'Thanks for…',
      }),
      input({
        id: 'value',
        kind: 'select',
        label: 'Which value did it show?',
        optional: true,
        placeholder: 'Choose a value',
        options: values.map((v) => ({ label: `#${v}`, value: v })),
      }),
    ],
  };
}

/** `/rapport values`. */
export const valuesReply = (values: string[]): Text =>
  text(`Tag kudos with one of: ${tags(values).join(' ')}`);
