import { Activity } from '@microsoft/agents-activity';
import { pictures } from '../../charts/pictures';
import { CloudAdapter, getAuthConfigWithDefaults } from '@microsoft/agents-hosting';
import { createConversation, type DirectoryPort } from '../../core/conversation';
import { busy, summaryOf } from '../../core/messages/common';
import { workLimit } from '../../inbound/work-limit';
import { workTracker } from '../../inbound/work-tracker';
import { inboundEvents } from '../../persistence/repositories/inbound-events';
import { knownMemberIds } from '../../persistence/repositories/directory';
import { READY } from '../../readiness';
import { FILE_LINK_TTL_MS, FILES_PATH } from '../../http/files';
import { fileLinks } from '../../persistence/repositories/file-links';
import type { AdapterServices, PlatformAdapter } from '../contract';
import { messageAnswer } from './answers';
import type { TeamsAuth } from './auth';
import { teamsDrawing } from './chat';
import { connectorClients, memberOf } from './connector';
import type { TeamsDeps } from './deps';
import { saveAccounts, type TeamsDirectory } from './directory';
import { MESSAGES_PATH, teamsListener } from './http';
import { teamsRoster } from './roster';
import { rosterSyncJob } from './roster-sync';
import { teamsSender, type TeamsLimits } from './sender';
import { teamsStore, type TeamsStore } from './store';
import { handleActivity } from './turn';

/**
 * How long shutdown waits for accepted turns and roster reads to finish (within the 10 s a
 * shutdown has, after up to 3 s for the requests in hand).
 */
const DRAIN_MS = 5_000;

export interface TeamsOptions {
  auth: TeamsAuth;
  admins: string[];
  limits: TeamsLimits;
  inbound: { concurrency: number; backlog: number };
  /** Milliseconds between roster pages. */
  pageIntervalMs: number;
  /** Where people reach this server (RAPPORT_PUBLIC_URL): files are offered under it. */
  publicUrl: string | null;
}

/**
 * The conversation's view of Teams' directory: someone named by a card's people picker (an
 * Entra object id) is read from a team Rapport is in. Teams has no profile fields, so
 * departments come from people themselves (`/rapport department`).
 */
function teamsDirectoryPort(dir: TeamsDirectory, store: TeamsStore): DirectoryPort {
  return {
    async ensureKnown(workspaceId, userIds) {
      const known = new Set(await knownMemberIds(dir.db, workspaceId, userIds));
      const missing = userIds.filter((id) => !known.has(id));
      if (missing.length === 0) return;
      const workspace = await dir.db
        .selectFrom('workspaces')
        .select('external_id')
        .where('id', '=', workspaceId)
        .executeTakeFirst();
      const [team] = await store.teams(workspaceId);
      if (!workspace || !team) return;
      const client = await dir.connectorFor(team.serviceUrl);
      for (const id of missing) {
        const account = await memberOf(client, team.teamId ?? team.conversationId, id);
        if (account) await saveAccounts(dir, workspaceId, workspace.external_id, [account]);
      }
    },
    departmentFields: async () => null,
    departmentFieldChanged: () => undefined,
  };
}

/** The Teams adapter: the Agents SDK's CloudAdapter behind /api/messages, drawing core cards. */
export function createTeamsAdapter(
  options: TeamsOptions,
  services: AdapterServices,
): PlatformAdapter {
  const { database, logger, clock, useCases } = services;
  const db = database.db;
  const log = logger.child({ component: 'teams' });
  const tracker = workTracker();
  const limit = workLimit(options.inbound);
  const store = teamsStore(db);
  const connectorFor = connectorClients(options.auth);
  const directory: TeamsDirectory = {
    db,
    store,
    connectorFor,
    logger: log,
    admins: new Set(options.admins.map((a) => a.toLowerCase())),
    pageIntervalMs: options.pageIntervalMs,
    signal: tracker.signal,
  };
  const drawing = teamsDrawing(store);
  const stored = fileLinks(db);
  const deps: TeamsDeps = {
    db,
    clock,
    logger: log,
    store,
    directory,
    drawing,
    inboundEvents: inboundEvents(db),
    conversation: createConversation({
      useCases,
      directory: teamsDirectoryPort(directory, store),
      pictures,
      typedPerson: (m) => `@${m.name}`,
      typedChannel: () => null,
    }),
    async offerFiles(workspaceId, userId, files) {
      if (!options.publicUrl) return null;
      const base = options.publicUrl.replace(/\/+$/, '');
      const links = new Map<string, string>();
      for (const file of files) {
        const token = await stored.offer(workspaceId, userId, file, clock.now(), FILE_LINK_TTL_MS);
        links.set(file.filename, `${base}${FILES_PATH}${token}`);
      }
      return links;
    },
    joined: (workspaceId, userId) => useCases.welcomes.joined(workspaceId, userId),
    background: (work, what) =>
      void tracker.track(
        work.catch((error: unknown) => log.error({ err: error }, `${what} failed`)),
      ),
  };
  const sdkAuth = options.auth.config ? getAuthConfigWithDefaults(options.auth.config) : undefined;
  // With credentials, a token's service URL must be the activity's: a token cannot be replayed
  // to make Rapport post elsewhere.
  const adapter = new CloudAdapter(sdkAuth, undefined, undefined, {
    validateServiceUrl: Boolean(sdkAuth),
  });
  adapter.onTurnError = async (_context, error) => {
    log.error({ err: error }, 'Teams turn failed');
  };
  const listener = teamsListener({
    adapter,
    auth: options.auth.anonymous ? null : (sdkAuth ?? null),
    logger: log,
    async turn(type, work, wait) {
      let settle: () => void = () => undefined;
      const done = new Promise<void>((resolve) => {
        settle = resolve;
      });
      // The activity may have been answered already: a failure outside the turn is logged here.
      const failed = (error: unknown) => log.error({ err: error }, 'Teams activity failed');
      const run = () => tracker.track(work().catch(failed)).finally(settle);
      if (type === 'message' || type === 'invoke') {
        if (!limit.admit(run)) return false;
      } else limit.always(run);
      if (wait) await done;
      return true;
    },
    logic: (context) => handleActivity(deps, context),
    async busy(context) {
      const words = summaryOf(busy());
      if (context.activity.type === 'invoke')
        await context.sendActivity(
          Activity.fromObject({ type: 'invokeResponse', value: messageAnswer(words) }),
        );
      else await context.sendActivity(words);
    },
  });

  return {
    platform: 'teams',
    mounts: [{ prefix: MESSAGES_PATH, listener, routes: [MESSAGES_PATH] }],
    sender: teamsSender(store, connectorFor, drawing, options.limits),
    roster: teamsRoster(directory),
    jobs: [rosterSyncJob(directory)],
    // Nothing to start: tenants arrive by install.
    readiness: { name: 'teams', check: async () => READY },
    start: async () => undefined,
    stop: () => tracker.drain(DRAIN_MS),
    idle: async () => {
      await limit.idle();
      await tracker.idle();
    },
  };
}
