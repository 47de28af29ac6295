import { mkdir, writeFile } from 'node:fs/promises';
import { pictures } from '../../charts/pictures';
import path from 'node:path';
import { createConversation } from '../../core/conversation';
import * as say from '../../core/messages/demo';
import { deliveryWorker } from '../../delivery/worker';
import type { Logger } from '../../logger';
import type { Db } from '../../persistence/database';
import { createRepositories, unitOfWork } from '../../persistence/repositories';
import { listMembers } from '../../persistence/repositories/members';
import { claimFiring, runClaimed, runDueSince } from '../../scheduler/coordinator';
import type { JobContext } from '../../scheduler/job';
import { CORE_JOBS } from '../../scheduler/jobs';
import { meetRoundJob } from '../../scheduler/jobs/rounds';
import { createUseCases } from '../../core/use-cases';
import { demoClock } from './demo-clock';
import { localPlatform } from './local-platform';
import type { DemoDeps } from './session';

export interface LocalAdapterOptions {
  db: Db;
  workspaceId: string;
  logger: Logger;
  /** The demo's clock (`/clock` moves it); tests give a fixed one. */
  clock?: ReturnType<typeof demoClock>;
  /** The channel commands are typed in, and the round channel `/round` runs. */
  channel?: string;
  roundChannel: string;
  sessionKey: string;
  /** Where files Rapport hands over are written (an export, an admin's charts). */
  filesDir: string;
}

/**
 * The terminal as a platform, wired like the server wires Slack: the conversation with the
 * local directory, a delivery worker sending through the local sender, and the jobs that
 * `/clock` and `/round` run.
 */
export function localAdapter(options: LocalAdapterOptions): DemoDeps {
  const { db, workspaceId, logger } = options;
  const clock = options.clock ?? demoClock();
  const useCases = createUseCases(unitOfWork(db, clock), clock);
  const platform = localPlatform();
  const conversation = createConversation({
    useCases,
    directory: platform.directory,
    pictures,
    ...platform.typing,
  });
  const workerId = `demo:${process.pid}`;
  const worker = deliveryWorker({
    db,
    clock,
    senders: { local: platform.sender },
    compose: conversation.outbound,
    logger,
    workerId,
    concurrency: 1,
    pollMs: 5,
    leaseMs: 60_000,
    maxAttempts: 3,
  });
  const jobs: JobContext = {
    db,
    clock,
    useCases,
    logger,
    platforms: new Set(['local']),
    rosters: {},
  };
  const repos = createRepositories(db);
  return {
    workspaceId,
    conversation,
    ...(options.channel && { channel: options.channel }),
    people: () => listMembers(db, workspaceId),
    async saveFile(file) {
      await mkdir(options.filesDir, { recursive: true });
      // The name is Rapport's own, but a path is never taken from it.
      const where = path.join(options.filesDir, path.basename(file.filename));
      await writeFile(where, file.content);
      return where;
    },
    async deliver() {
      await worker.drain(30_000);
      return platform.take();
    },
    async advance(ms) {
      const since = clock.now();
      clock.advance(ms);
      await runDueSince(jobs, CORE_JOBS, since, workerId);
      return say.demoTime(clock.now());
    },
    async runRoundNow() {
      const channel = await repos.rounds.channel(workspaceId, options.roundChannel);
      if (!channel) return say.demoNoRoundChannel();
      const slot = new Date(Math.floor(clock.now().getTime() / 60_000) * 60_000);
      const firing = { scope: channel.id, slot };
      if (!(await claimFiring(jobs, meetRoundJob.name, firing, workerId)))
        return say.demoRoundRanThisMinute();
      const result = await runClaimed(jobs, meetRoundJob, firing, workerId);
      return result.outcome?.queued ? null : (result.outcome?.note ?? result.error ?? '');
    },
    async nextDue() {
      const at = await repos.deliveryLog.nextDue(workspaceId);
      return at ? say.demoTime(at) : null;
    },
    sessionKey: options.sessionKey,
    onError: (error, line) => logger.error({ err: error, line }, 'demo command failed'),
  };
}
