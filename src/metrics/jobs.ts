import { Counter, Histogram, type Registry } from 'prom-client';
import type { JobMetrics } from '../scheduler/job';

export function jobMetrics(registry: Registry): JobMetrics {
  const runs = new Counter({
    name: 'rapport_job_runs_total',
    help: 'Job firings run by this process, by job and outcome (done or failed)',
    labelNames: ['job', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'rapport_job_duration_seconds',
    help: 'How long one job firing ran',
    labelNames: ['job'] as const,
    // From a quick prompt to a large workspace's directory sync.
    buckets: [0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600],
    registers: [registry],
  });
  return {
    ran(job, outcome, seconds) {
      runs.inc({ job, outcome });
      duration.observe({ job }, seconds);
    },
  };
}
