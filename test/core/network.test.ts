import { Candidates, Network, suggestFor, type PairStrength } from '../../src/core/domain/network';
import {
  relationshipsOf,
  strengthAt,
  type InteractionEvent,
} from '../../src/core/domain/relationships';

const NOW = new Date('2026-11-23T12:00:00Z');
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

const departments = new Map<string, string | null>([
  ['ana', 'Product'],
  ['ben', 'Product'],
  ['sam', 'Engineering'],
  ['li', 'Engineering'],
  ['priya', 'Finance'],
  ['omar', 'Finance'],
  ['zoe', 'Legal'],
  ['yan', 'Legal'],
  ['new', null],
]);
const ids = [...departments.keys()];

/** Pairs from interaction events, as the repository sums them. */
function pairsOf(events: Array<[string, string, string, Date]>): PairStrength[] {
  const byPair = new Map<string, Array<{ source: string; at: Date }>>();
  for (const [a, b, source, at] of events) {
    const key = [a, b].sort().join('|');
    byPair.set(key, [...(byPair.get(key) ?? []), { source, at }]);
  }
  return [...byPair].map(([key, list]) => {
    const [a, b] = key.split('|') as [string, string];
    const lastAt = new Date(Math.max(...list.map((e) => e.at.getTime())));
    return { a, b, strength: strengthAt(list, NOW), lastAt };
  });
}

const EVENTS: Array<[string, string, string, Date]> = [
  ['ana', 'sam', 'round', daysAgo(60)],
  ['ana', 'sam', 'followup', daysAgo(59)],
  ['ana', 'ben', 'kudos', daysAgo(2)],
  ['sam', 'priya', 'round', daysAgo(10)],
  ['sam', 'priya', 'followup', daysAgo(9)],
  ['sam', 'li', 'kudos', daysAgo(5)],
  ['ben', 'priya', 'kudos', daysAgo(20)],
  ['ben', 'omar', 'kudos', daysAgo(20)],
  ['sam', 'omar', 'kudos', daysAgo(20)],
];

describe('a workspace’s network', () => {
  const network = new Network(ids, pairsOf(EVENTS));
  const candidates = new Candidates(network, departments);

  it('finds the same relationships going cold as the one-member view', () => {
    const events: InteractionEvent[] = EVENTS.filter(([a, b]) => a === 'ana' || b === 'ana').map(
      ([a, b, source, at]) => ({ otherId: a === 'ana' ? b : a, source, at }),
    );
    const people = new Map(
      ids.map((id) => [
        id,
        {
          userId: id,
          departmentId: departments.get(id) ?? null,
          managerId: null,
          externalOrg: null,
          isDeactivated: false,
        },
      ]),
    );
    const one = relationshipsOf(people.get('ana')!, events, people, new Set(), NOW, 42)
      .filter((r) => r.goingCold)
      .map((r) => r.otherId);
    const bulk = network.goingCold(network.index.get('ana')!, NOW, 42, 3).map((c) => c.userId);
    expect(bulk).toEqual(['sam']);
    expect(bulk).toEqual(one);
    expect(network.meaningfulCount(network.index.get('ana')!)).toBe(0);
    expect(network.meaningfulCount(network.index.get('sam')!)).toBe(1);
  });

  it('suggests people in other departments, through the most people in common first', () => {
    const suggestions = suggestFor(candidates, 'ana', { excluded: new Set(), limit: 3 });
    // Omar and Priya are in Finance, not reached yet, each through two people in common (for
    // Omar, Ben and Sam are as close; for Priya, Sam is closer). Li is in Engineering, which
    // Ana reached through Sam. Zoe has nobody in common with her.
    expect(suggestions).toEqual([
      { userId: 'omar', mutualId: 'ben', mutualCount: 2 },
      { userId: 'priya', mutualId: 'sam', mutualCount: 2 },
      { userId: 'li', mutualId: 'sam', mutualCount: 1 },
    ]);
  });

  it('never suggests someone known, in the same department, unknown, or set aside', () => {
    const suggestions = suggestFor(candidates, 'ana', {
      excluded: new Set(['omar', 'li']),
      limit: 3,
    });
    // Priya through people in common; then, with nobody else in common, someone from a
    // department Ana has not reached (Legal); never Ben (her own department), nor "new".
    expect(suggestions.map((s) => s.userId)).toEqual([
      'priya',
      expect.stringMatching(/^(zoe|yan)$/),
    ]);
    expect(suggestions[1]!.mutualId).toBeNull();
  });

  it('gives someone with no relationships yet one person per department', () => {
    const suggestions = suggestFor(candidates, 'zoe', { excluded: new Set(), limit: 3 });
    expect(suggestions.map((s) => departments.get(s.userId))).toEqual([
      'Engineering',
      'Finance',
      'Product',
    ]);
    expect(suggestions.every((s) => s.mutualCount === 0)).toBe(true);
  });
});
