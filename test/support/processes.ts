import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export const ROOT = path.join(__dirname, '../..');

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment a fresh shell would give: no jest flags, nothing from our own config. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (
      k === 'NODE_OPTIONS' ||
      k.startsWith('SLACK_') ||
      k.startsWith('MICROSOFT_') ||
      k === 'DATABASE_URL' ||
      k === 'PORT'
    )
      continue;
    env[k] = v;
  }
  return { ...env, NODE_ENV: 'test', ...extra };
}

/** Runs a command to completion, feeding `input` on stdin (then closing it). */
export function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number; cwd?: string } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? cleanEnv(),
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Runs a TypeScript entry point of ours the way the npm scripts do. */
export function runEntry(
  file: string,
  args: string[] = [],
  options: Parameters<typeof run>[2] = {},
) {
  return run(process.execPath, ['--import', 'tsx', file, ...args], options);
}

/** stderr without npm's own chatter about this machine's npmrc. */
export function ownLines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('npm '));
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything it wrote, stdout and stderr together. */
  output: () => string;
  /** Sends a signal and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `npm start`'s entry point as a real process on a free port; does not wait for it.
 * `fileSizeLimitKb` caps how far it may write into any file (`ulimit -f`), with the signal
 * that would kill it ignored, so a write past the cap fails with EFBIG as one past the end of
 * a full disk fails with ENOSPC. `cwd` runs another copy of the code (an earlier release's,
 * exported from git).
 */
export async function spawnServer(
  env: Record<string, string>,
  options: { fileSizeLimitKb?: number; cwd?: string } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const node = [process.execPath, '--import', 'tsx', 'src/main.ts'];
  const [command, ...args] =
    options.fileSizeLimitKb === undefined
      ? node
      : [
          'bash',
          '-c',
          `trap '' XFSZ; ulimit -f ${options.fileSizeLimitKb}; exec "$@"`,
          '-',
          ...node,
        ];
  const child = spawn(command!, args, {
    cwd: options.cwd ?? ROOT,
    env: cleanEnv({ PORT: String(port), LOG_LEVEL: 'warn', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * A command-line program talked to a line at a time, the way a person would: each `say`
 * returns what it answered to that line. Piped input is echoed by the demo, so a harmless
 * marker line after each one shows where the answer ends.
 */
export function conversationWith(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): { say(line: string): Promise<string>; end(): Promise<ProcessResult> } {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: ROOT,
    env,
    stdio: 'pipe',
  });
  let stdout = '';
  let stderr = '';
  let read = 0;
  let marks = 0;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const closed = new Promise<ProcessResult>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return {
    async say(line: string) {
      const mark = `zz-marker-${++marks}`;
      child.stdin.write(`${line}\n${mark}\n`);
      const deadline = Date.now() + 60_000;
      for (;;) {
        const at = stdout.indexOf(`> ${mark}`, read);
        if (at >= 0) {
          // From the echo of the line to the echo of the marker: the line's answer alone.
          const slice = stdout.slice(read, at);
          const echoed = slice.indexOf(`> ${line}\n`);
          read = at + mark.length + 2;
          const answer = echoed >= 0 ? slice.slice(echoed + line.length + 3) : slice;
          return answer.slice(0, answer.lastIndexOf('\n') + 1).replace(/[^\n]*$/, '');
        }
        if (child.exitCode !== null || Date.now() > deadline)
          throw new Error(`no answer to ${line}:\n${stdout.slice(read)}\n${stderr}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async end() {
      child.stdin.end();
      return closed;
    },
  };
}
