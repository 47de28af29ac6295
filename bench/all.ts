/**
 * Every benchmark, one after another, and bench/RESULTS.md written from what they printed:
 * each figure beside the machine, Node, the database, the date and the command that gives it.
 *
 *   npm run bench                      every benchmark on the embedded database
 *   BENCH_DATABASE_URL=postgres://… npm run bench    and each again on that Postgres
 *   npm run bench -- --only rounds     the benchmarks whose name starts so
 *
 * Each runs in a process of its own, so that one's memory is not another's. Not part of CI.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

interface Benchmark {
  name: string;
  /** The npm script and its arguments, as someone would type it. */
  command: string[];
  /** Whether it reads BENCH_DATABASE_URL (a database benchmark runs once per database). */
  database: boolean;
}

const BENCHMARKS: Benchmark[] = [
  { name: 'delivery', command: ['run', 'bench:delivery'], database: true },
  { name: 'rounds scale', command: ['run', 'bench:rounds', '--', 'scale'], database: false },
  {
    name: 'rounds simulation',
    command: ['run', 'bench:rounds', '--', 'simulation'],
    database: false,
  },
  { name: 'relationships', command: ['run', 'bench:relationships'], database: true },
  { name: 'scale', command: ['run', 'bench:scale'], database: true },
  // Postgres only: on the embedded database it prints that it skips.
  { name: 'load', command: ['run', 'bench:load'], database: true },
  // Thirty minutes a database: the longest here by far.
  { name: 'soak', command: ['run', 'bench:soak'], database: true },
];

interface Run {
  benchmark: Benchmark;
  database: string;
  env: Record<string, string>;
  seconds: number;
  ok: boolean;
  figures: unknown[];
  errors: string;
}

function runOne(benchmark: Benchmark, env: Record<string, string>): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    // The embedded run must not inherit the Postgres address this runner was given.
    const inherited = { ...process.env };
    delete inherited.BENCH_DATABASE_URL;
    const child = spawn('npm', ['--silent', ...benchmark.command], {
      env: { ...inherited, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      process.stdout.write(d);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      // Benchmarks print their figures as JSON (one object, or one per line).
      const figures = out
        .split(/\n(?=\{)/)
        .map((chunk) => chunk.trim())
        .filter((chunk) => chunk.startsWith('{'))
        .flatMap((chunk) => {
          try {
            return [JSON.parse(chunk) as unknown];
          } catch {
            return [];
          }
        });
      resolve({
        benchmark,
        database: !benchmark.database
          ? 'no database'
          : env.BENCH_DATABASE_URL
            ? 'Postgres'
            : 'embedded PGlite',
        env,
        seconds: Math.round((Date.now() - started) / 100) / 10,
        ok: code === 0,
        figures,
        errors: err.trim().split('\n').slice(-5).join('\n'),
      });
    });
  });
}

/** The URL without its password: RESULTS.md is committed. */
const redacted = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

function report(runs: Run[]): string {
  const cpus = os.cpus();
  const lines = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/all.ts); every figure below comes from the run named',
    'with it. These machines are shared and noisy: compare figures from one run, not across runs.',
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 1024 ** 3)} GB memory, ${os.type()} ${os.release()}`,
    `- Node ${process.version}`,
    '',
  ];
  for (const run of runs) {
    const vars = Object.entries(run.env)
      .map(([k, v]) => `${k}=${redacted(v)} `)
      .join('');
    lines.push(
      `## ${run.benchmark.name} (${run.database})`,
      '',
      `\`${vars}npm ${run.benchmark.command.join(' ')}\`: ${run.ok ? 'finished' : 'FAILED'} in ${run.seconds} s`,
      '',
      '```json',
      ...run.figures.map((f) => JSON.stringify(f)),
      '```',
      ...(run.ok ? [] : ['', 'Its last error lines:', '', '```', run.errors, '```']),
      '',
    );
  }
  return lines.join('\n');
}

async function main() {
  const only = process.argv.includes('--only')
    ? process.argv[process.argv.indexOf('--only') + 1]
    : undefined;
  const postgres = process.env.BENCH_DATABASE_URL;
  const runs: Run[] = [];
  for (const benchmark of BENCHMARKS.filter((b) => !only || b.name.startsWith(only))) {
    runs.push(await runOne(benchmark, {}));
    if (benchmark.database && postgres)
      runs.push(await runOne(benchmark, { BENCH_DATABASE_URL: postgres }));
  }
  const where = path.join(__dirname, 'RESULTS.md');
  await writeFile(where, report(runs));
  console.log(`Wrote ${where}`);
  if (runs.some((r) => !r.ok)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
