// Prometheus metrics on prom-client (the maintained Node client: text exposition format, histograms,
// default process metrics), one registry per server so tests and several servers do not share counts.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface ServeMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'route' | 'method' | 'status'>;
  readonly latency: Histogram<'route'>;
  /** Server time spent on each load-shedding refusal answered in front of the router. */
  readonly refusal: Histogram<'code'>;
  readonly batchSize: Histogram<'model'>;
  readonly queueDepth: Gauge<'model'>;
  readonly inFlight: Gauge;
  /** Connections closed at accept because `maxConnections` were open. */
  readonly connectionsDropped: Counter;
}

/** Live values read when /metrics is scraped. */
export interface MetricSources {
  queueDepths(): Record<string, number>;
  admitted(): number;
  connections(): number;
}

export function createMetrics(sources: MetricSources): ServeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'convbert_' });
  const requests = new Counter({
    name: 'convbert_requests_total',
    help: 'HTTP requests by route and final status (499: the client left before its answer; 408: timed out while read)',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'convbert_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const refusal = new Histogram({
    name: 'convbert_refusal_duration_seconds',
    help: 'Server time spent answering a load-shedding refusal (503 OVERLOADED / QUEUE_FULL) in front of the router',
    labelNames: ['code'] as const,
    buckets: [0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.005],
    registers: [registry],
  });
  const batchSize = new Histogram({
    name: 'convbert_batch_size',
    help: 'Inputs per model call made by the batcher',
    labelNames: ['model'] as const,
    buckets: [1, 2, 4, 8, 16, 32, 64, 128],
    registers: [registry],
  });
  const queueDepth = new Gauge({
    name: 'convbert_queue_depth',
    help: 'Inputs waiting for a batch',
    labelNames: ['model'] as const,
    registers: [registry],
    collect() {
      for (const [model, depth] of Object.entries(sources.queueDepths())) this.set({ model }, depth);
    },
  });
  const inFlight = new Gauge({ name: 'convbert_requests_in_flight', help: 'HTTP requests being answered', registers: [registry] });
  new Gauge({
    name: 'convbert_requests_admitted',
    help: 'Inference requests holding an admission permit (--max-concurrent-requests)',
    registers: [registry],
    collect() {
      this.set(sources.admitted());
    },
  });
  new Gauge({
    name: 'convbert_connections',
    help: 'Open client connections',
    registers: [registry],
    collect() {
      this.set(sources.connections());
    },
  });
  const connectionsDropped = new Counter({
    name: 'convbert_connections_dropped_total',
    help: 'Connections closed at accept because --max-connections were open',
    registers: [registry],
  });
  return { registry, requests, latency, refusal, batchSize, queueDepth, inFlight, connectionsDropped };
}
