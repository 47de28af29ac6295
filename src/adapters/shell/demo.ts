import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import type { Config } from '../../config';
import { commandLogger, runCli } from '../../cli';
import { cleanMessage } from '../../core/domain/kudos';
import { listMembers } from '../../persistence/repositories/members';
import { settingsRepository } from '../../persistence/repositories/settings';
import { openMigratedDatabase, useCasesFor } from '../../services';
import { systemClock } from '../../clock';
import { runDemoRound } from './demo-round';
import { findPerson, createShellSession } from './session';
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
      process.stderr.write(
        `There is no "${wanted}" in the demo company. Try one of: ${people
          .filter((p) => !p.isBot && !p.isDeactivated)
          .map((p) => p.userId)
          .join(', ')}\n`,
      );
      return 2;
    }
    const useCases = useCasesFor(handle);
    const session = createShellSession(
      {
        workspaceId,
        ...useCases,
        runRoundNow: () => runDemoRound(handle.db, useCases, workspaceId, systemClock),
        settings: () => settingsRepository(handle.db).get(workspaceId),
        people: everyone,
        sessionKey: `shell:${randomUUID()}`,
        onError: (error, line) => logger.error({ err: error, line }, 'demo command failed'),
      },
      me,
    );

    const interactive = Boolean(process.stdin.isTTY);
    const out = (text: string) =>
      process.stdout.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
    out(
      `Rapport demo — you are ${me.name}, ${me.title} in ${me.departmentName}. Type /rapport help for commands.`,
    );
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

runCli(main, 'The demo could not start');
