/**
 * Every benchmark, one after another, and bench/RESULTS.md written from what they printed:
 * each figure beside the machine, Node, the database, the date and the command that gives it.
 *
 *   npm run bench                      every benchmark on the embedded database
 *   BENCH_DATABASE_URL=postgres://… npm run bench    and each again on that Postgres
 *   npm run bench -- --only rounds     the benchmarks whose name starts so; the sections of
 *                                      RESULTS.md they do not write are kept
 *   npm run bench -- --postgres-only   the database benchmarks on Postgres alone
 *
 * Each runs in a process of its own, so that one's memory is not another's. Not part of CI.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

interface Benchmark {
  name: string;
  /** The npm script and its arguments, as someone would type it. */
  command: string[];
  /** Whether it reads BENCH_DATABASE_URL (a database benchmark runs once per database). */
  database: boolean;
  /** Measured on Postgres alone. */
  postgresOnly?: true;
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
  { name: 'load', command: ['run', 'bench:load'], database: true, postgresOnly: true },
  // Thirty minutes a database: the longest here by far.
  { name: 'soak', command: ['run', 'bench:soak'], database: true },
];

interface Run {
  benchmark: Benchmark;
  /** The machine as the run began: its date, and how busy the machine was. */
  started: string;
  load: number[];
  database: string;
  env: Record<string, string>;
  seconds: number;
  ok: boolean;
  figures: unknown[];
  errors: string;
}

function runOne(benchmark: Benchmark, env: Record<string, string>): Promise<Run> {
  const started = Date.now();
  const load = os.loadavg().map((l) => Math.round(l * 10) / 10);
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
        started: new Date(started).toISOString(),
        load,
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

const HEADER = [
  '# Benchmark results',
  '',
  'Written by `npm run bench` (bench/all.ts); every figure below comes from the run named',
  'with it, on the machine and at the date given there. These machines are shared and noisy:',
  'compare figures within one section (side-by-side figures are measured alternating), not',
  'across sections.',
  '',
];

function section(run: Run): string {
  const cpus = os.cpus();
  const vars = Object.entries(run.env)
    .map(([k, v]) => `${k}=${redacted(v)} `)
    .join('');
  return [
    `## ${run.benchmark.name} (${run.database})`,
    '',
    `- command: \`${vars}npm ${run.benchmark.command.join(' ')}\`: ${run.ok ? 'finished' : 'FAILED'} in ${run.seconds} s`,
    `- date: ${run.started}; load average then ${run.load.join(', ')}`,
    `- machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 1024 ** 3)} GB memory, ${os.type()} ${os.release()}; Node ${process.version}`,
    '',
    '```json',
    ...run.figures.map((f) => JSON.stringify(f)),
    '```',
    ...(run.ok ? [] : ['', 'Its last error lines:', '', '```', run.errors, '```']),
    '',
  ].join('\n');
}

/** The sections of an earlier RESULTS.md, by heading, in their order. */
function sectionsOf(text: string): Map<string, string> {
  const sections = new Map<string, string>();
  for (const part of text.split(/\n(?=## )/).slice(1))
    sections.set(part.split('\n', 1)[0]!, part.trimEnd() + '\n');
  return sections;
}

/** This run's sections replace those of the same name; the rest are kept, in BENCHMARKS order. */
function report(runs: Run[], earlier: string): string {
  const sections = sectionsOf(earlier);
  for (const run of runs) {
    const text = section(run);
    sections.set(text.split('\n', 1)[0]!, text);
  }
  const order = (heading: string) =>
    BENCHMARKS.findIndex((b) => heading.startsWith(`## ${b.name} (`));
  const headings = [...sections.keys()].sort((a, b) => order(a) - order(b));
  return [...HEADER, ...headings.map((h) => sections.get(h))].join('\n');
}

async function main() {
  const only = process.argv.includes('--only')
    ? process.argv[process.argv.indexOf('--only') + 1]
    : undefined;
  const postgres = process.env.BENCH_DATABASE_URL;
  const postgresOnly = process.argv.includes('--postgres-only');
  if (postgresOnly && !postgres) throw new Error('--postgres-only needs BENCH_DATABASE_URL');
  const where = path.join(__dirname, 'RESULTS.md');
  const earlier = await readFile(where, 'utf8').catch(() => '');
  const runs: Run[] = [];
  for (const benchmark of BENCHMARKS.filter((b) => !only || b.name.startsWith(only))) {
    if (!(benchmark.database && (postgresOnly || benchmark.postgresOnly)))
      runs.push(await runOne(benchmark, {}));
    if (benchmark.database && postgres)
      runs.push(await runOne(benchmark, { BENCH_DATABASE_URL: postgres }));
    // Written after each, so that a long run stopped part-way keeps what it measured.
    await writeFile(where, report(runs, earlier));
  }
  console.log(`Wrote ${where}`);
  if (runs.some((r) => !r.ok)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
