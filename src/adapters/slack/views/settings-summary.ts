import type { WeeklyHabit } from '../../../core/domain/settings';
import type { WorkspaceSettings } from '../../../core/ports';
import { channelLink, toMrkdwn } from '../text';
import { WEEKDAYS } from './habit-inputs';

const when = (h: WeeklyHabit) =>
  h.enabled ? `${WEEKDAYS[h.weekday - 1]}s at ${String(h.hour).padStart(2, '0')}:00` : 'off';

/** The settings in a sentence or two, as the admin's confirmation says them. */
export function settingsSummary(s: WorkspaceSettings): string {
  const where = s.kudosChannelId
    ? channelLink(s.kudosChannelId)
    : 'the channel where /kudos is typed';
  const zone = s.timezoneChosen ? s.timezone : `${s.timezone}, where most members are`;
  const values = toMrkdwn(s.kudosValues.map((v) => `#${v}`).join(' '));
  return (
    `Kudos are celebrated in ${where}; each person may thank ${s.dailyKudosLimit} people a day; ` +
    `values: ${values}.\nWeekly prompt: ${when(s.kudosPrompt)}; weekly digest: ${when(s.kudosDigest)} (${zone}).\n` +
    `Follow-ups after a round: ${s.followupAfterMetDays > 0 ? `${s.followupAfterMetDays} days after “we met”` : 'off'}; ` +
    `welcome for new members: ${s.welcome.enabled ? `${s.welcome.delayDays} days after they join` : 'off'}.`
  );
}
