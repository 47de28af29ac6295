import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/processes';

/**
 * What two adapters would both need belongs in the core or in src/inbound: no run of six or
 * more alike lines may be shared between Slack's adapter and the demo's. Lines compare with
 * their whitespace, string contents and numbers set aside; imports, blank lines and lone
 * brackets are not counted (every file has them).
 */
const RUN = 6;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

const TRIVIAL = /^(?:[{}()[\];,]*|import .*|export \{.*|\/\/.*|\*.*|\/\*\*.*)$/;

export function lines(file: string): Array<{ at: string; code: string }> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({
      at: `${path.relative(ROOT, file)}:${i + 1}`,
      code: line
        .trim()
        .replace(/(['"`])(?:\\.|(?!\1).)*\1/g, "'s'")
        .replace(/\b\d+(?:\.\d+)?\b/g, '0')
        .replace(/\s+/g, ' '),
    }))
    .filter((l) => !TRIVIAL.test(l.code));
}

/** Every run of `RUN` counted lines in one tree that also stands in the other. */
function shared(a: string, b: string): string[] {
  const key = (ls: Array<{ code: string }>, i: number) =>
    ls
      .slice(i, i + RUN)
      .map((l) => l.code)
      .join('\n');
  const seen = new Map<string, string>();
  for (const file of files(a)) {
    const ls = lines(file);
    for (let i = 0; i + RUN <= ls.length; i += 1) seen.set(key(ls, i), ls[i]!.at);
  }
  const found: string[] = [];
  for (const file of files(b)) {
    const ls = lines(file);
    for (let i = 0; i + RUN <= ls.length; i += 1) {
      const there = seen.get(key(ls, i));
      if (there) found.push(`${ls[i]!.at} ~ ${there}`);
    }
  }
  return found;
}

describe('the Slack, Teams and demo adapters share no code', () => {
  const slack = path.join(ROOT, 'src', 'adapters', 'slack');
  const teams = path.join(ROOT, 'src', 'adapters', 'teams');
  const shell = path.join(ROOT, 'src', 'adapters', 'shell');

  it('finds a shared run when there is one', () => {
    const one = lines(path.join(shell, 'session.ts'));
    expect(one.length).toBeGreaterThan(RUN);
    expect(shared(shell, shell).length).toBeGreaterThan(0);
  });

  it('has no run of six alike lines in any two', () => {
    expect(shared(slack, shell)).toEqual([]);
    expect(shared(slack, teams)).toEqual([]);
    expect(shared(teams, shell)).toEqual([]);
  });
});
