import { Gauge, type Registry } from 'prom-client';
import type { PoolStats } from '../persistence/database';

export function poolMetrics(registry: Registry, stats: () => PoolStats): void {
  new Gauge({
    name: 'rapport_db_pool_connections',
    help: 'Database pool: connections open (total), of them idle, and queries waiting for one (waiting); the embedded database has one connection',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const now = stats();
      this.set({ state: 'total' }, now.total);
      this.set({ state: 'idle' }, now.idle);
      this.set({ state: 'waiting' }, now.waiting);
    },
  });
}
