import { Blocks, Elements, Message, setIfTruthy } from 'slack-block-builder';
import type { IntroMember, OutboundMessage, SuggestedPerson } from '../../../core/domain/outbound';
import { mention, toMrkdwn } from '../text';

export const INTRODUCE = 'suggestion_introduce';
export const NOT_NOW = 'suggestion_not_now';
export const INTRO_ANSWERS = { accept: 'intro_accept', decline: 'intro_decline' };
export const MUTUAL_ANSWERS = { join: 'intro_mutual_join', decline: 'intro_mutual_decline' };

type Of<K extends OutboundMessage['kind']> = Extract<OutboundMessage, { kind: K }>;

/** What a suggestion's buttons carry: who, who both know, and whether it is a welcome's. */
export const suggestionValue = (s: Pick<SuggestedPerson, 'userId' | 'mutualId'>, welcome = false) =>
  JSON.stringify({ u: s.userId, m: s.mutualId, ...(welcome && { w: 1 }) });

export function readSuggestionValue(value: string): {
  userId: string;
  mutualId: string | null;
  welcome: boolean;
} {
  try {
    const parsed = JSON.parse(value) as { u?: unknown; m?: unknown; w?: unknown };
    return {
      userId: typeof parsed.u === 'string' ? parsed.u : '',
      mutualId: typeof parsed.m === 'string' ? parsed.m : null,
      welcome: parsed.w === 1,
    };
  } catch {
    return { userId: '', mutualId: null, welcome: false };
  }
}

const since = (iso: string) =>
  `<!date^${Math.floor(Date.parse(iso) / 1000)}^{date_short}|${iso.slice(0, 10)}>`;

/** Each suggestion with why, and Introduce us / Not now. */
export function suggestionBlocks(suggestions: SuggestedPerson[], welcome = false) {
  return suggestions.flatMap((s) => {
    const why = s.mutualId
      ? `you both know ${mention(s.mutualId)}${s.mutualCount > 1 ? ` and ${s.mutualCount - 1} more` : ''}`
      : welcome
        ? 'well connected here'
        : 'from a department you have not met yet';
    return [
      Blocks.Section({
        text: `${mention(s.userId)}${s.department ? ` · ${toMrkdwn(s.department)}` : ''}: ${why}`,
      }),
      Blocks.Actions().elements(
        Elements.Button({
          text: 'Introduce us',
          actionId: INTRODUCE,
          value: suggestionValue(s, welcome),
        }).primary(),
        Elements.Button({ text: 'Not now', actionId: NOT_NOW, value: suggestionValue(s, welcome) }),
      ),
    ];
  });
}

export function weeklyNetwork(m: Of<'weekly_network'>) {
  const cold = m.cold.map((c) => `${mention(c.userId)} (last in touch ${since(c.lastAt)})`);
  return Message({ text: 'Your week in relationships' })
    .blocks(
      Blocks.Section({ text: ':seedling: *Your week in relationships*' }),
      setIfTruthy(
        cold.length > 0,
        Blocks.Section({
          text: `*Keep in touch:* it has been a while with ${cold.join(', ')}. A quick hello keeps a relationship warm.`,
        }),
      ),
      setIfTruthy(
        m.suggestions.length > 0,
        Blocks.Section({ text: '*People you might like to meet*' }),
      ),
      ...suggestionBlocks(m.suggestions),
      Blocks.Context().elements(
        'Rapport asks them first; nothing opens without their yes. `/rapport nudges off` or `/rapport suggestions off` stops these.',
      ),
    )
    .buildToObject();
}

const who = (p: IntroMember) => {
  const about = [p.title, p.department].filter(Boolean).map((t) => toMrkdwn(t!));
  return `${mention(p.userId)}${about.length ? ` (${about.join(', ')})` : ''}`;
};

export function introRequest(m: Of<'intro_request'>) {
  return Message({ text: 'Someone would like to meet you' })
    .blocks(
      Blocks.Section({
        text: `:wave: ${who(m.requester)} would like to meet you${m.mutualId ? `; you both know ${mention(m.mutualId)}` : ''}. Shall I introduce you?`,
      }),
      Blocks.Actions().elements(
        Elements.Button({
          text: 'Yes, introduce us',
          actionId: INTRO_ANSWERS.accept,
          value: m.introductionId,
        }).primary(),
        Elements.Button({
          text: 'Not now',
          actionId: INTRO_ANSWERS.decline,
          value: m.introductionId,
        }),
      ),
    )
    .buildToObject();
}

export function introMutualRequest(m: Of<'intro_mutual_request'>) {
  return Message({ text: 'Join an introduction?' })
    .blocks(
      Blocks.Section({
        text: `:handshake: ${mention(m.requesterId)} and ${mention(m.targetId)} are being introduced, and you know them both. Would you like to join their conversation?`,
      }),
      Blocks.Actions().elements(
        Elements.Button({
          text: 'Join',
          actionId: MUTUAL_ANSWERS.join,
          value: m.introductionId,
        }).primary(),
        Elements.Button({
          text: 'No thanks',
          actionId: MUTUAL_ANSWERS.decline,
          value: m.introductionId,
        }),
      ),
    )
    .buildToObject();
}

export function introOpened(m: Of<'intro_opened'>) {
  const [a, b] = m.members;
  return Message({ text: 'Meet each other!' })
    .blocks(
      Blocks.Section({
        text:
          `:handshake: *Meet each other!* ${who(a!)} asked to meet ${who(b!)}, and you both said yes.` +
          `${m.mutualId ? ` ${mention(m.mutualId)} knows you both and is here too.` : ''} Say hello!`,
      }),
    )
    .buildToObject();
}

/** A new member's welcome: a few people to meet, each asked before anything opens. */
export function welcomeMessage(m: Of<'welcome'>) {
  return Message({ text: 'Welcome! A few people to meet' })
    .blocks(
      Blocks.Section({
        text: ':wave: *Welcome!* Here are a few people who would be good to know. Press *Introduce us* and I’ll ask them; nothing opens without their yes.',
      }),
      setIfTruthy(m.ownDepartment.length > 0, Blocks.Section({ text: '*In your department*' })),
      ...suggestionBlocks(m.ownDepartment, true),
      setIfTruthy(m.acrossDepartments.length > 0, Blocks.Section({ text: '*Across the company*' })),
      ...suggestionBlocks(m.acrossDepartments, true),
    )
    .buildToObject();
}
