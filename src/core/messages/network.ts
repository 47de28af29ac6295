import { buttons, card, context, section, type Block, type Card } from '../conversation/card';
import {
  bold,
  command,
  date,
  joined,
  listOf,
  mention,
  text,
  type Text,
} from '../conversation/text';
import type { IntroMember, OutboundMessage, SuggestedPerson } from '../domain/outbound';
import {
  FULL_KIND_LABELS,
  INTERACTION_WEIGHTS,
  MEANINGFUL_STRENGTH,
  STRENGTH_HALF_LIFE_DAYS,
  type FullRelationshipKind,
} from '../domain/relationships';
import type { NetworkSummary } from '../use-cases/network-summary';
import type {
  IntroAnswerResult,
  IntroRequestResult,
  NotNowResult,
} from '../use-cases/introductions';
import { optedOut, personGone, unknownMember } from './common';
import { person, type Names } from './people';

type Of<K extends OutboundMessage['kind']> = Extract<OutboundMessage, { kind: K }>;

/** People named in a summary; a long list ends with how many more. */
const MEANINGFUL_NAMED = 20;

/** "2 cross-department, 1 manager/report": the kinds a member has. */
export function describeKinds(s: NetworkSummary): string {
  const present = (Object.keys(FULL_KIND_LABELS) as FullRelationshipKind[]).filter(
    (k) => s.relationships[k] > 0,
  );
  return present.length > 0
    ? present.map((k) => `${s.relationships[k]} ${FULL_KIND_LABELS[k]}`).join(', ')
    : 'none yet';
}

/** What makes a relationship meaningful, from the rule itself. */
export const meaningfulRule = (): Text =>
  text(
    `A relationship is meaningful at a strength of ${MEANINGFUL_STRENGTH}: meeting counts ${INTERACTION_WEIGHTS.round}, ` +
      `a follow-up done ${INTERACTION_WEIGHTS.followup}, an introduction ${INTERACTION_WEIGHTS.introduction} ` +
      `and a kudos ${INTERACTION_WEIGHTS.kudos}, each counting half as much after ${STRENGTH_HALF_LIFE_DAYS} days.`,
  );

/** The network summary: /rapport me and the top of the Home view. */
export function networkSummaryBlocks(s: NetworkSummary): Block[] {
  const reached = s.departmentsReached.length > 0 ? s.departmentsReached.join(', ') : 'none yet';
  const named = s.meaningfulPeople.slice(0, MEANINGFUL_NAMED);
  const more = s.meaningfulPeople.length - named.length;
  const blocks: Block[] = [
    section(text(bold('Your network'), s.member.departmentName && ` · ${s.member.departmentName}`)),
    {
      type: 'fields',
      fields: [
        {
          label: 'Meaningful relationships',
          value: text(
            `${s.meaningful} of the ${s.target.min}–${s.target.max} a healthy network has`,
          ),
        },
        { label: 'Other departments reached', value: text(String(s.departmentsReached.length)) },
        { label: "People you've connected with", value: text(String(s.connections)) },
        { label: 'Kudos given · received', value: text(`${s.kudosGiven} · ${s.kudosReceived}`) },
      ],
    },
  ];
  if (named.length > 0)
    blocks.push(
      section(
        text(
          bold('Meaningful:'),
          ' ',
          joined(
            named.map((p) => [mention(p)]),
            ', ',
          ),
          more > 0 && ` and ${more} more`,
          '.',
        ),
      ),
    );
  if (s.goingCold.length > 0)
    blocks.push(
      section(
        text(
          bold('Going cold:'),
          ' ',
          joined(
            s.goingCold.map((p) => [mention(p)]),
            ', ',
          ),
          '. A quick hello keeps them warm.',
        ),
      ),
    );
  if (s.meaningful < s.target.min)
    blocks.push(
      section(
        text(
          `A healthy network has ${s.target.min}–${s.target.max}: `,
          command('/rapport suggest'),
          ' shows people you might like to meet.',
        ),
      ),
    );
  blocks.push(
    context(meaningfulRule()),
    context(text(`${describeKinds(s)} · Departments: ${reached}`)),
  );
  return blocks;
}

export const networkSummaryCard = (s: NetworkSummary): Card =>
  card('Your network', ...networkSummaryBlocks(s));

/** A suggestion's buttons carry who, who both know, and whether a welcome suggested them. */
const suggestionPayload = (s: Pick<SuggestedPerson, 'userId' | 'mutualId'>, welcome: boolean) => ({
  u: s.userId,
  ...(s.mutualId && { m: s.mutualId }),
  ...(welcome && { w: '1' }),
});

/** Each suggestion with why, and Introduce us / Not now. */
export function suggestionBlocks(
  suggestions: SuggestedPerson[],
  names: Names,
  welcome = false,
): Block[] {
  return suggestions.flatMap((s) => {
    const why = s.mutualId
      ? text(
          'you both know ',
          person(names, s.mutualId),
          s.mutualCount > 1 && ` and ${s.mutualCount - 1} more`,
        )
      : text(welcome ? 'well connected here' : 'from a department you have not met yet');
    const payload = suggestionPayload(s, welcome);
    return [
      section(text(person(names, s.userId), s.department && ` · ${s.department}`, ': ', why)),
      buttons(
        { label: 'Introduce us', action: 'suggestion_introduce', payload, style: 'primary' },
        { label: 'Not now', action: 'suggestion_not_now', payload },
      ),
    ];
  });
}

/** `/rapport suggest`. */
export function suggestionsCard(suggestions: SuggestedPerson[], names: Names): Card {
  if (suggestions.length === 0)
    return card(
      'Nobody new to suggest',
      section(
        text(
          'I have nobody new to suggest right now: you may already know everyone I could introduce you to. Try again after the next round!',
        ),
      ),
    );
  return card(
    'People you might like to meet',
    section(text(bold('People you might like to meet'))),
    ...suggestionBlocks(suggestions, names),
    context(text('I ask them first; nothing opens without their yes.')),
  );
}

export function weeklyNetwork(m: Of<'weekly_network'>, names: Names, zone: string): Card {
  const cold = m.cold.map((c) =>
    text(person(names, c.userId), ' (last in touch ', date(c.lastAt, zone, 'day'), ')'),
  );
  return card(
    'Your week in relationships',
    section(text('🌱 ', bold('Your week in relationships'))),
    cold.length > 0 &&
      section(
        text(
          bold('Keep in touch:'),
          ' it has been a while with ',
          listOf(cold),
          '. A quick hello keeps a relationship warm.',
        ),
      ),
    m.suggestions.length > 0 && section(text(bold('People you might like to meet'))),
    ...suggestionBlocks(m.suggestions, names),
    context(
      text(
        'Rapport asks them first; nothing opens without their yes. ',
        command('/rapport nudges off'),
        ' or ',
        command('/rapport suggestions off'),
        ' stops these.',
      ),
    ),
  );
}

const who = (p: IntroMember) => {
  const about = [p.title, p.department].filter(Boolean).join(', ');
  return text(mention(p), about && ` (${about})`);
};

/** The asked person's answers to an introduction, wherever the question is shown. */
export const introAnswerButtons = (introductionId: string): Block => {
  const payload = { id: introductionId };
  return buttons(
    { label: 'Yes, introduce us', action: 'intro_accept', payload, style: 'primary' },
    { label: 'Not now', action: 'intro_decline', payload },
  );
};

/** The person both know: join the conversation or not. */
export const mutualAnswerButtons = (introductionId: string): Block => {
  const payload = { id: introductionId };
  return buttons(
    { label: 'Join', action: 'intro_mutual_join', payload, style: 'primary' },
    { label: 'No thanks', action: 'intro_mutual_decline', payload },
  );
};

export function introRequest(m: Of<'intro_request'>, names: Names): Card {
  return card(
    'Someone would like to meet you',
    section(
      text(
        '👋 ',
        who(m.requester),
        ' would like to meet you',
        m.mutualId && text('; you both know ', person(names, m.mutualId)),
        '. Shall I introduce you?',
      ),
    ),
    introAnswerButtons(m.introductionId),
  );
}

export function introMutualRequest(m: Of<'intro_mutual_request'>, names: Names): Card {
  return card(
    'Join an introduction?',
    section(
      text(
        '🤝 ',
        person(names, m.requesterId),
        ' and ',
        person(names, m.targetId),
        ' are being introduced, and you know them both. Would you like to join their conversation?',
      ),
    ),
    mutualAnswerButtons(m.introductionId),
  );
}

export function introOpened(m: Of<'intro_opened'>, names: Names): Card {
  const [a, b] = m.members;
  return card(
    'Meet each other!',
    section(
      text(
        '🤝 ',
        bold('Meet each other!'),
        ' ',
        who(a!),
        ' asked to meet ',
        who(b!),
        ', and you both said yes.',
        m.mutualId &&
          text(
            ' ',
            person(names, m.mutualId),
            m.toEach ? ' knows you both and is invited too.' : ' knows you both and is here too.',
          ),
        m.toEach ? ' Start the chat and say hello!' : ' Say hello!',
      ),
    ),
    m.toEach && {
      type: 'links',
      links: [
        {
          label: 'Start the chat',
          chatWith: {
            userIds: [...m.members.map((p) => p.userId), ...(m.mutualId ? [m.mutualId] : [])],
            topic: `Introduction: ${m.members.map((p) => p.name.split(' ')[0]).join(' and ')}`,
            message: 'Hello! Rapport introduced us.',
          },
        },
      ],
    },
  );
}

export const introDeclined = (): Card =>
  card(
    'About your introduction',
    section(text('That introduction is not possible right now. Maybe another time!')),
  );

/** A new member's welcome: a few people to meet, each asked before anything opens. */
export function welcomeCard(m: Of<'welcome'>, names: Names): Card {
  return card(
    'Welcome! A few people to meet',
    section(
      text(
        '👋 ',
        bold('Welcome!'),
        ' Here are a few people who would be good to know. Press ',
        bold('Introduce us'),
        " and I'll ask them; nothing opens without their yes.",
      ),
    ),
    m.ownDepartment.length > 0 && section(text(bold('In your department'))),
    ...suggestionBlocks(m.ownDepartment, names, true),
    m.acrossDepartments.length > 0 && section(text(bold('Across the company'))),
    ...suggestionBlocks(m.acrossDepartments, names, true),
  );
}

/** What the asker hears after Introduce us. */
export function introRequestReply(r: IntroRequestResult): Text {
  if (!r.ok) {
    switch (r.code) {
      case 'unknown_member':
        return unknownMember();
      case 'opted_out':
        return optedOut();
      case 'unavailable':
        return text(`${r.name} isn't available for introductions right now.`);
      case 'already_waiting':
        return text(
          `There is already an introduction waiting between you and ${r.name}. I'll let you know when there is news.`,
        );
    }
  }
  return text(
    `I've asked ${r.targetName}. If they say yes, I'll open a conversation for you both`,
    r.mutualName && ` (and ${r.mutualName}, if they'd like to join)`,
    '. Nothing happens without their yes.',
  );
}

/** What someone asked hears after answering. */
export function introAnswerReply(r: IntroAnswerResult): Text {
  if (!r.ok) {
    switch (r.code) {
      case 'gone':
        return text('I could not find that introduction any more.');
      case 'not_yours':
        return text('This introduction is for someone else.');
      case 'already_answered':
        return text('You already answered this one.');
      case 'already_made':
        return text('This introduction has already been made.');
    }
  }
  switch (r.outcome) {
    case 'declined':
      return text("No problem: I won't open anything.");
    case 'asking_mutual':
      return text(
        `Great! I've asked ${r.mutualName} whether they'd like to join you; the conversation opens once they answer.`,
      );
    case 'opened':
      return text('Great! I’ve opened a conversation for you both.');
    case 'joined':
      return text('Thanks! You are in the conversation with them.');
    case 'not_joined':
      return text("No problem: they'll talk on their own.");
  }
}

export const notNowReply = (r: NotNowResult): Text =>
  r.ok ? text(`Okay, I won't suggest ${r.name} for a while.`) : personGone();
