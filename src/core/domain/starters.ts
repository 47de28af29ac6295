import type { Network } from './network';

export interface StarterOptions {
  /** Each candidate's department; people absent here cannot be introduced. */
  departments: ReadonlyMap<string, string | null>;
  own: number;
  across: number;
}

/**
 * A new member's first introductions: the best-connected people (most meaningful
 * relationships) in their own department, and one each from the best-connected people of as
 * many other departments.
 */
export function starterIntroductions(network: Network, userId: string, options: StarterOptions) {
  const mine = options.departments.get(userId) ?? null;
  const connected = (id: string) => {
    const i = network.index.get(id);
    return i === undefined ? 0 : network.meaningfulCount(i);
  };
  const byDepartment = new Map<string, string[]>();
  for (const [id, department] of options.departments) {
    if (id === userId || !department) continue;
    const list = byDepartment.get(department);
    if (list) list.push(id);
    else byDepartment.set(department, [id]);
  }
  const best = (ids: string[]) =>
    [...ids].sort((a, b) => connected(b) - connected(a) || (a < b ? -1 : 1));
  const own = mine ? best(byDepartment.get(mine) ?? []).slice(0, options.own) : [];
  const others = [...byDepartment.entries()]
    .filter(([department]) => department !== mine)
    .map(([department, ids]) => ({ department, top: best(ids)[0]! }))
    .sort((a, b) => connected(b.top) - connected(a.top) || a.department.localeCompare(b.department))
    .slice(0, options.across)
    .map((d) => d.top);
  return { own, across: others };
}
