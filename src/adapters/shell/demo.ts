import { randomUUID } from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import type { Config } from '../../config';
import { commandLogger, runCli } from '../../cli';
import { cleanMessage } from '../../core/domain/kudos';
import * as say from '../../core/messages/demo';
import { listMembers } from '../../persistence/repositories/members';
import { openMigratedDatabase } from '../../services';
import { localAdapter } from './local-adapter';
import { DEMO_ROUND_CHANNEL } from './demo-organisation';
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
    const session = createShellSession(
      localAdapter({
        db: handle.db,
        workspaceId,
        logger,
        roundChannel: DEMO_ROUND_CHANNEL,
        sessionKey: `shell:${randomUUID()}`,
        filesDir: path.resolve(config.RAPPORT_DATA_DIR, 'demo-files'),
      }),
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
