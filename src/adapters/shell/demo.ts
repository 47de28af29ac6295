import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import type { Config } from '../../config';
import { commandLogger, runCli } from '../../cli';
import { createConversation } from '../../core/conversation';
import { cleanMessage } from '../../core/domain/kudos';
import * as say from '../../core/messages/demo';
import { deliveryWorker } from '../../delivery/worker';
import { createRepositories } from '../../persistence/repositories';
import { listMembers } from '../../persistence/repositories/members';
import { claimFiring, runClaimed, runDueSince } from '../../scheduler/coordinator';
import type { JobContext } from '../../scheduler/job';
import { CORE_JOBS } from '../../scheduler/jobs';
import { meetRoundJob } from '../../scheduler/jobs/rounds';
import { openMigratedDatabase, useCasesFor } from '../../services';
import { demoClock } from './demo-clock';
import { DEMO_ROUND_CHANNEL } from './demo-organisation';
import { localPlatform } from './local-platform';
import { createShellSession, findPerson } from './session';
import { seedDemo } from './seed';

function parseAs(argv: string[]): string | undefined {
  const i = argv.indexOf('--as');
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith('--as='))?.slice('--as='.length);
}

async function main(config: Config): Promise<number> {
  // The demo's own output is the conversation; logs go to stderr, only when something is wrong.
  const logger = commandLogger(config);
  const handle = await openMigratedDatabase(config, logger);
  try {
    const workspaceId = await seedDemo(handle.db);
    const everyone = () => listMembers(handle.db, workspaceId);
    const people = await everyone();
    const wanted = parseAs(process.argv.slice(2));
    const me = findPerson(people, wanted ?? 'ana');
    if (!me) {
      const handles = people.filter((p) => !p.isBot && !p.isDeactivated).map((p) => p.userId);
      process.stderr.write(`${say.demoNobody(wanted ?? '', handles)}\n`);
      return 2;
    }
    const clock = demoClock();
    const useCases = useCasesFor(handle, clock);
    const platform = localPlatform();
    const conversation = createConversation({
      useCases,
      directory: platform.directory,
      ...platform.typing,
    });
    const workerId = `demo:${process.pid}`;
    const worker = deliveryWorker({
      db: handle.db,
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
      db: handle.db,
      clock,
      useCases,
      logger,
      platforms: new Set(['local']),
      rosters: {},
    };
    const repos = createRepositories(handle.db);
    const session = createShellSession(
      {
        workspaceId,
        conversation,
        people: everyone,
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
          const channel = await repos.rounds.channel(workspaceId, DEMO_ROUND_CHANNEL);
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
        sessionKey: `shell:${randomUUID()}`,
        onError: (error, line) => logger.error({ err: error, line }, 'demo command failed'),
      },
      me,
    );

    const interactive = Boolean(process.stdin.isTTY);
    const out = (text: string) =>
      process.stdout.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
    out(say.demoWelcome(me.name, me.title, me.departmentName));
    if (!interactive) out('');
    const prompt = () => `${session.me.userId}> `;
    const rl = readline.createInterface({
      input: process.stdin,
      output: interactive ? process.stdout : undefined,
      terminal: interactive,
    });
    if (interactive) {
      rl.setPrompt(prompt());
      rl.prompt();
    }
    for await (const line of rl) {
      // Piped input is echoed so a scripted transcript reads like a conversation.
      if (!interactive && line.trim() !== '') out(`${prompt()}${cleanMessage(line)}`);
      const reply = await session.handle(line);
      if (reply.output) out(reply.output);
      if (reply.quit) break;
      if (interactive) {
        rl.setPrompt(prompt());
        rl.prompt();
      }
    }
    rl.close();
    return 0;
  } finally {
    await handle.close();
  }
}

runCli(main, say.demoCouldNotStart());
