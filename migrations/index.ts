import type { Migration } from 'kysely';
import * as foundation from './2026-11-22T00-00-00_foundation';
import * as slack from './2026-11-23T00-00-00_slack';
import * as scheduling from './2026-11-23T12-00-00_scheduling';
import * as rounds from './2026-11-23T18-00-00_rounds';
import * as relationships from './2026-11-24T00-00-00_relationships';
import * as inboundEvents from './2026-11-30T00-00-00_inbound-events';
import * as teams from './2026-12-01T00-00-00_teams';
import * as forgottenMembers from './2026-12-02T01-00-00_forgotten-members';
import * as adminGrants from './2026-12-02T02-00-00_admin-grants';
import * as historyDays from './2026-12-02T03-00-00_history-days';
import * as fileLinks from './2026-12-02T04-00-00_file-links';
import * as insights from './2026-12-02T05-00-00_insights';
import * as deliveryRequestIds from './2026-12-03T00-00-00_delivery-request-ids';
import * as deliveryFailingSince from './2026-12-04T00-00-00_delivery-failing-since';
import * as homePrecomputed from './2026-12-04T00-00-00_home-precomputed';
import * as scaleIndexes from './2026-12-04T01-00-00_scale-indexes';
import * as deliveriesCreatedIndex from './2026-12-05T00-00-00_deliveries-created-index';
import * as roundDepartmentPairs from './2026-12-06T00-00-00_round-department-pairs';

/**
 * Every migration, by name. Listed statically (not read from disk at run time) so the same
 * set runs under tsx, jest and a bundled build; a test checks this list against the folder.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-22T00-00-00_foundation': foundation,
  '2026-11-23T00-00-00_slack': slack,
  '2026-11-23T12-00-00_scheduling': scheduling,
  '2026-11-23T18-00-00_rounds': rounds,
  '2026-11-24T00-00-00_relationships': relationships,
  '2026-11-30T00-00-00_inbound-events': inboundEvents,
  '2026-12-01T00-00-00_teams': teams,
  '2026-12-02T01-00-00_forgotten-members': forgottenMembers,
  '2026-12-02T02-00-00_admin-grants': adminGrants,
  '2026-12-02T03-00-00_history-days': historyDays,
  '2026-12-02T04-00-00_file-links': fileLinks,
  '2026-12-02T05-00-00_insights': insights,
  '2026-12-03T00-00-00_delivery-request-ids': deliveryRequestIds,
  '2026-12-04T00-00-00_delivery-failing-since': deliveryFailingSince,
  '2026-12-04T00-00-00_home-precomputed': homePrecomputed,
  '2026-12-04T01-00-00_scale-indexes': scaleIndexes,
  '2026-12-05T00-00-00_deliveries-created-index': deliveriesCreatedIndex,
  '2026-12-06T00-00-00_round-department-pairs': roundDepartmentPairs,
};
