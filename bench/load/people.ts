import type { SlackUser } from '../../src/adapters/slack/directory';
import { TeamsActivities } from '../../test/support/teams-activities';
import { teamsFixture, teamsUsers, type TeamsFixture } from '../../test/support/teams-fixture';

/**
 * The people the load rotates through, built the same way in the orchestrator (which installs
 * them) and in the load generator (which names them), so nothing but a count crosses over.
 */
export const SLACK_TEAM = 'T0LOAD';
export const SLACK_BOT_USER = 'ULOADBOT';
export const SLACK_TOKEN = 'xoxb-load-single';

export const slackId = (i: number) => `UL${String(i).padStart(4, '0')}`;

export function slackPeople(count: number): SlackUser[] {
  return Array.from({ length: count }, (_v, i) => ({
    id: slackId(i),
    team_id: SLACK_TEAM,
    name: `person${i}`,
    real_name: `Person ${i}`,
    tz: 'UTC',
    deleted: false,
    is_bot: false,
    profile: { real_name: `Person ${i}`, title: '', fields: {} },
  }));
}

/** Contoso's team with `count` more colleagues in it. */
export function teamsPeople(count: number): TeamsFixture {
  const fx = teamsFixture('load');
  fx.team.members.push(...teamsUsers(count, fx.tenantId));
  return fx;
}

/** The n-th request's giver and recipient: every giver in turn, never oneself. */
export function pair(n: number, count: number): [number, number] {
  const giver = n % count;
  const step = 1 + (Math.floor(n / count) % (count - 1));
  return [giver, (giver + step) % count];
}

export const teamsActivities = (fx: TeamsFixture, serviceUrl: string) =>
  new TeamsActivities(fx, serviceUrl);
