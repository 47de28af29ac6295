/**
 * Maximum matching in a general graph (Edmonds' blossom algorithm), improving a matching
 * given in `match` (partner or -1) in place. Odd cycles are why a bipartite flow is not
 * enough: the graph of departments is not bipartite.
 *
 * `kind[v]` names vertices that are interchangeable (same neighbours): once a search from one
 * finds no augmenting path, none exists from the others either, now or after later
 * augmentations, so they are not searched again.
 */
export function maximumMatching(adjacency: number[][], match: Int32Array, kind: Int32Array) {
  const n = adjacency.length;
  const base = new Int32Array(n);
  const parent = new Int32Array(n);
  const used = new Uint8Array(n);
  parent.fill(-1);
  for (let i = 0; i < n; i += 1) base[i] = i;
  const blossom = new Uint8Array(n);
  const seen = new Int32Array(n);
  const queue = new Int32Array(n);
  let stamp = 0;
  const hopeless = new Set<number>();

  const ancestor = (a: number, b: number): number => {
    stamp += 1;
    for (;;) {
      a = base[a]!;
      seen[a] = stamp;
      if (match[a] === -1) break;
      a = parent[match[a]!]!;
    }
    for (;;) {
      b = base[b]!;
      if (seen[b] === stamp) return b;
      b = parent[match[b]!]!;
    }
  };
  // Only the vertices a search reached are reset for the next: a full reset each time is
  // quadratic, and most searches reach few.
  const touched: number[] = [];
  const marked: number[] = [];
  const touch = (v: number) => {
    if (!used[v] && parent[v] === -1) touched.push(v);
  };
  const mark = (v: number) => {
    if (!blossom[v]) {
      blossom[v] = 1;
      marked.push(v);
    }
  };
  const markPath = (v: number, b: number, child: number) => {
    while (base[v] !== b) {
      mark(base[v]!);
      mark(base[match[v]!]!);
      parent[v] = child;
      child = match[v]!;
      v = parent[match[v]!]!;
    }
  };
  const findPath = (root: number): number => {
    for (const v of touched) {
      used[v] = 0;
      parent[v] = -1;
      base[v] = v;
    }
    touched.length = 0;
    touched.push(root);
    used[root] = 1;
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    while (head < tail) {
      const v = queue[head++]!;
      for (let to of adjacency[v]!) {
        if (base[v] === base[to] || match[v] === to) continue;
        if (to === root || (match[to] !== -1 && parent[match[to]!] !== -1)) {
          const current = ancestor(v, to);
          for (const m of marked) blossom[m] = 0;
          marked.length = 0;
          markPath(v, current, to);
          markPath(to, current, v);
          // Every vertex of the blossom is already in the tree, so among those touched.
          for (const i of [...touched])
            if (blossom[base[i]!]) {
              base[i] = current;
              if (!used[i]) {
                used[i] = 1;
                queue[tail++] = i;
              }
            }
        } else if (parent[to] === -1) {
          touch(to);
          parent[to] = v;
          if (match[to] === -1) return to;
          to = match[to]!;
          touch(to);
          used[to] = 1;
          queue[tail++] = to;
        }
      }
    }
    return -1;
  };

  for (let root = 0; root < n; root += 1) {
    if (match[root] !== -1 || hopeless.has(kind[root]!)) continue;
    let v = findPath(root);
    if (v === -1) hopeless.add(kind[root]!);
    while (v !== -1) {
      const pv = parent[v]!;
      const ppv = match[pv]!;
      match[v] = pv;
      match[pv] = v;
      v = ppv;
    }
  }
}
