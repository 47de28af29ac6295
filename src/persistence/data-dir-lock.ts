import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { dataDirInUse } from '../startup-messages';

/** Named in the README, so that an operator knows what it is. */
export const LOCK_FILE = 'rapport.lock';

/** Directories this process holds: a lock naming our own pid is ours only if listed here. */
const held = new Set<string>();

/**
 * PGlite keeps no lock of its own: two processes on one data directory each run their own
 * Postgres over the same files and one's writes silently replace the other's. A file created
 * exclusively, holding our pid, lets one process in at a time. A lock whose process is gone
 * (killed, crashed) is taken over. Returns the release.
 */
export function lockDataDir(dir: string, configured: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 1; !createLock(file); attempt += 1) {
    const holder = readHolder(file);
    // Past a few rounds, others are taking a stale lock over at this very moment: let them.
    if ((holder !== null && isRunning(holder, dir)) || attempt > 3) {
      throw new Error(dataDirInUse(dir, holder, configured));
    }
    removeIfStill(file, holder);
  }
  held.add(dir);
  const release = () => {
    held.delete(dir);
    if (readHolder(file) === process.pid) removeIfStill(file, process.pid);
  };
  // Closing releases it; so does any exit that runs 'exit' handlers (not SIGKILL: that lock
  // goes stale and the next process takes it over).
  process.once('exit', release);
  return () => {
    process.off('exit', release);
    release();
  };
}

function createLock(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number, dir: string): boolean {
  // Our own pid in a lock we do not hold: an earlier process that had the same pid (a
  // container restarted on the same volume starts with the same pids).
  if (pid === process.pid) return held.has(dir);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the lock only if it still names `pid`, so that a lock just taken over survives. */
function removeIfStill(file: string, pid: number | null): void {
  if (readHolder(file) !== pid) return;
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
