import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './processes';

const run = promisify(execFile);

/** Where Debian puts Postgres 15's server programs; the tests that need them skip without. */
export const POSTGRES_BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';
export const hasPostgresServer = existsSync(path.join(POSTGRES_BIN, 'initdb'));

// Postgres refuses to run as root: there, its programs run as the system's postgres user.
const asRoot = process.getuid?.() === 0;

function program(name: string, args: string[]) {
  const file = path.join(POSTGRES_BIN, name);
  return asRoot ? run('runuser', ['-u', 'postgres', '--', file, ...args]) : run(file, args);
}

async function ownedByPostgres(dir: string): Promise<void> {
  if (!asRoot) return;
  const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout);
  chownSync(dir, await id('-u'), await id('-g'));
}

/**
 * A Postgres cluster of the test's own, in a temporary folder on a free port, that it may stop
 * and start as it likes: the shared server at TEST_DATABASE_URL is never restarted.
 */
export class PrivatePostgres {
  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  /** postgres://postgres@127.0.0.1:<port>/postgres, trust authentication. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(path.join(tmpdir(), 'rapport-pg-'));
    await ownedByPostgres(dir);
    const cluster = new PrivatePostgres(dir, await freePort());
    await program('initdb', [
      '-D',
      cluster.data,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
      '--no-instructions',
    ]);
    await cluster.up();
    return cluster;
  }

  private get data(): string {
    return path.join(this.dir, 'data');
  }

  private ctl(args: string[]) {
    return program('pg_ctl', ['-D', this.data, ...args]);
  }

  /** Starts the server and waits until it accepts connections. */
  async up(): Promise<void> {
    // Its socket in the temporary folder: nothing of the system's Postgres is touched.
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    await this.ctl(['-o', options, '-l', path.join(this.dir, 'log'), '-w', 'start']);
  }

  /** Stops it as an operator's restart does: every session ended, nothing accepted until up(). */
  async down(): Promise<void> {
    await this.ctl(['-m', 'fast', '-w', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.down().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
