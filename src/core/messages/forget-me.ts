import { buttons, card, context, section, type Card } from '../conversation/card';
import { bold, br, command, text, type Text } from '../conversation/text';
import { FORGET_CONFIRM_MINUTES } from '../domain/forget';
import type { ForgetCounts } from '../ports';
import { count } from './common';

/** `/rapport forget-me`: what it deletes and keeps, and the one button that does it. */
export function forgetConfirmCard(userId: string, issuedAt: Date): Card {
  return card(
    'Forget you?',
    section(
      text(
        bold('Forget you?'),
        ' Rapport will delete everything it keeps about you, at once and for good: your profile and settings, interactions, follow-ups (yours and others’ with you), introductions, mentorships, intro round history, kudos you received, and messages to or about you.',
      ),
    ),
    section(
      text(
        'Kudos you gave stay with the people you thanked, from “a former colleague”. Your user id is kept only as a one-way fingerprint, so that Rapport does not add you back from the directory. You can start again as someone new with ',
        command('/rapport optin'),
        '.',
      ),
    ),
    buttons({
      label: 'Forget me',
      action: 'forget_me_confirm',
      payload: { u: userId, t: issuedAt.toISOString() },
      style: 'danger',
    }),
    context(
      text(
        `The button works for ${FORGET_CONFIRM_MINUTES} minutes. To see what Rapport keeps first, type `,
        command('/rapport export'),
        '.',
      ),
    ),
  );
}

/** What forgetting deleted, kind by kind (kinds with nothing are left out). */
export function forgottenCard(c: ForgetCounts): Card {
  const deleted = [
    c.profile > 0 && 'your profile and settings',
    c.interactions > 0 && count(c.interactions, 'interaction', 'interactions'),
    c.followups > 0 && count(c.followups, 'follow-up', 'follow-ups'),
    c.introductions > 0 && count(c.introductions, 'introduction', 'introductions'),
    c.mentorships > 0 && count(c.mentorships, 'mentorship', 'mentorships'),
    c.roundRecords > 0 && count(c.roundRecords, 'intro round record', 'intro round records'),
    c.kudosReceived > 0 && count(c.kudosReceived, 'kudos you received', 'kudos you received'),
    c.messages > 0 && count(c.messages, 'message to or about you', 'messages to or about you'),
    c.snoozes > 0 && count(c.snoozes, 'suggestion set aside', 'suggestions set aside'),
    c.welcome > 0 && 'your welcome',
    c.platformRecords > 0 &&
      count(c.platformRecords, 'platform address', 'platform addresses and chats'),
    c.files > 0 &&
      count(c.files, 'file kept for you to download', 'files kept for you to download'),
  ].filter((x): x is string => Boolean(x));
  return card(
    'Rapport has forgotten you',
    section(
      text(
        bold('Done: Rapport has forgotten you.'),
        ' Deleted: ',
        deleted.length > 0 ? deleted.join(', ') : 'nothing was left',
        '.',
      ),
    ),
    section(
      text(
        c.kudosGivenKept > 0 &&
          text(
            count(c.kudosGivenKept, 'kudos you gave stays', 'kudos you gave stay'),
            ' with the people you thanked, from “a former colleague”.',
            br,
          ),
        'Only a one-way fingerprint of your user id is kept, so that Rapport does not add you back. To start again as someone new, type ',
        command('/rapport optin'),
        '.',
      ),
    ),
  );
}

/** The button was pressed too late: nothing was deleted. */
export const forgetExpired = (): Text =>
  text(
    'That confirmation expired, so nothing was deleted. Type ',
    command('/rapport forget-me'),
    ' again if you still want Rapport to forget you.',
  );

/** Someone pressed another person's button: nothing was deleted. */
export const forgetNotYours = (): Text =>
  text(
    'That button is for the person who asked to be forgotten; nothing was deleted. To have Rapport forget you, type ',
    command('/rapport forget-me'),
    '.',
  );

/** Anything a forgotten person asks, until they start again. */
export const forgottenAlready = (): Text =>
  text(
    'You asked Rapport to forget you, so it keeps nothing about you. To start again as someone new, type ',
    command('/rapport optin'),
    '.',
  );

/** `/rapport optin` from a forgotten person: they start again, as new. */
export const startedAgain = (known: boolean): Text =>
  known
    ? text(
        'Welcome back! You start again as someone new: nothing from before was kept. Type ',
        command('/rapport help'),
        ' to see what you can do.',
      )
    : text(
        'Welcome back! You start again as someone new once Rapport next reads your workspace’s directory; try again in a minute.',
      );
