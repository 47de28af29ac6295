import type { UnitOfWork } from '../ports';
import { UNKNOWN_MEMBER_MESSAGE } from './network-summary';

const EXAMPLES =
  'For example: `/rapport nudges off`, `/rapport nudges on` or `/rapport nudges every 4 weeks`.';

/** What "/rapport nudges …" asks for, or why it cannot be read. */
export function parseNudges(
  text: string,
): { ok: true; enabled: boolean; cadenceDays?: number } | { ok: false; message: string } {
  const t = text.trim().toLowerCase();
  if (t === 'off') return { ok: true, enabled: false };
  if (t === 'on') return { ok: true, enabled: true };
  const every = /^every\s+(\d{1,3})\s*(d|days?|w|weeks?)$/.exec(t);
  if (every) {
    const days = Number(every[1]) * (every[2]!.startsWith('w') ? 7 : 1);
    if (days < 7 || days > 365)
      return { ok: false, message: `Choose between 1 week and a year. ${EXAMPLES}` };
    return { ok: true, enabled: true, cadenceDays: days };
  }
  return { ok: false, message: `I couldn't read "${text.trim().slice(0, 40)}". ${EXAMPLES}` };
}

/** Keep-in-touch nudges on or off, and how long a relationship may be quiet first. */
export function makeNudgePreferences({ transaction }: { transaction: UnitOfWork }) {
  return function setNudges(
    workspaceId: string,
    userId: string,
    text: string,
  ): Promise<{ ok: boolean; message: string }> {
    const parsed = parseNudges(text);
    if (!parsed.ok) return Promise.resolve(parsed);
    return transaction(async (repos) => {
      const member = await repos.members.find(workspaceId, userId);
      if (!member || member.isDeactivated) return { ok: false, message: UNKNOWN_MEMBER_MESSAGE };
      const cadenceDays = parsed.cadenceDays ?? member.nudges.cadenceDays;
      await repos.members.setNudges(workspaceId, userId, { enabled: parsed.enabled, cadenceDays });
      const weeks = cadenceDays % 7 === 0 ? `${cadenceDays / 7} weeks` : `${cadenceDays} days`;
      return {
        ok: true,
        message: parsed.enabled
          ? `Keep-in-touch nudges are on: once a week at most, about people you haven't been in touch with for ${weeks}.`
          : 'Keep-in-touch nudges are off. Turn them back on with `/rapport nudges on`.',
      };
    });
  };
}

export type NudgePreferences = ReturnType<typeof makeNudgePreferences>;

/** Weekly introduction suggestions on or off (/rapport suggest works either way). */
export function makeSuggestionPreference({ transaction }: { transaction: UnitOfWork }) {
  return function setSuggestions(
    workspaceId: string,
    userId: string,
    text: string,
  ): Promise<{ ok: boolean; message: string }> {
    const t = text.trim().toLowerCase();
    if (t !== 'on' && t !== 'off')
      return Promise.resolve({
        ok: false,
        message: 'Say `/rapport suggestions off` or `/rapport suggestions on`.',
      });
    return transaction(async (repos) => {
      const member = await repos.members.find(workspaceId, userId);
      if (!member || member.isDeactivated) return { ok: false, message: UNKNOWN_MEMBER_MESSAGE };
      await repos.members.setSuggestions(workspaceId, userId, t === 'on');
      return {
        ok: true,
        message:
          t === 'on'
            ? 'Weekly suggestions of people to meet are on.'
            : 'Weekly suggestions are off. `/rapport suggest` still works whenever you like.',
      };
    });
  };
}
