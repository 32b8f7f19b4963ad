import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { Logger } from './logger.js';

/**
 * /metrics across node:cluster workers. Each worker counts its own requests; a scrape lands on one
 * worker, which asks the primary, which collects every worker's metrics as JSON and merges them
 * with prom-client's AggregatorRegistry.aggregate (counters and histograms summed, gauges per each
 * metric's `aggregator`). So any scrape shows the whole process tree. A worker that has died takes
 * its counts with it: Prometheus reads the drop as a counter reset, which rate() already handles.
 */

const SCRAPE = 'bridge:metrics-scrape';
const SCRAPED = 'bridge:metrics-scraped';
const COLLECT = 'bridge:metrics-collect';
const COLLECTED = 'bridge:metrics-collected';

/** How long the primary waits for the workers' answers before serving what it has. */
const COLLECT_TIMEOUT_MS = 3_000;

interface Message {
  type?: unknown;
  id?: unknown;
  metrics?: object[];
  text?: string;
  error?: string;
}

/** In a worker: answer the primary's collections from `registry`; returns what GET /metrics serves. */
export function workerMetrics(registry: Registry): () => Promise<string> {
  const pending = new Map<number, { resolve: (text: string) => void; reject: (err: Error) => void }>();
  let next = 0;
  process.on('message', (message: Message) => {
    if (message?.type === COLLECT) {
      void registry.getMetricsAsJSON().then(
        (metrics) => process.send?.({ type: COLLECTED, id: message.id, metrics }),
        (err: Error) => process.send?.({ type: COLLECTED, id: message.id, error: err.message }),
      );
    } else if (message?.type === SCRAPED && typeof message.id === 'number') {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.text ?? '');
    }
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error('the primary did not answer a metrics scrape'));
      }, COLLECT_TIMEOUT_MS * 2);
      pending.set(id, {
        resolve: (text) => (clearTimeout(timer), resolve(text)),
        reject: (err) => (clearTimeout(timer), reject(err)),
      });
      process.send?.({ type: SCRAPE, id });
    });
}

/** In the primary: serve the workers' scrape requests with every live worker's metrics merged. */
export function serveClusterMetrics(logger: Logger): void {
  let next = 0;
  const collections = new Map<number, { answers: object[][]; waiting: Set<number>; done: () => void }>();

  cluster.on('message', (worker: Worker, message: Message) => {
    if (message?.type === COLLECTED && typeof message.id === 'number') {
      const collection = collections.get(message.id);
      if (!collection) return;
      if (message.metrics) collection.answers.push(message.metrics);
      collection.waiting.delete(worker.id);
      if (collection.waiting.size === 0) collection.done();
    } else if (message?.type === SCRAPE) {
      void collect().then(
        (text) => worker.send({ type: SCRAPED, id: message.id, text }),
        (err: Error) => worker.send({ type: SCRAPED, id: message.id, error: err.message }),
      );
    }
  });

  function collect(): Promise<string> {
    const id = next++;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && w.isConnected());
    return new Promise<string>((resolve, reject) => {
      const collection = {
        answers: [] as object[][],
        waiting: new Set(workers.map((w) => w.id)),
        done: () => {
          clearTimeout(timer);
          collections.delete(id);
          if (collection.waiting.size > 0)
            logger.warn({ missing: collection.waiting.size }, 'metrics: some workers did not answer in time');
          AggregatorRegistry.aggregate(collection.answers).metrics().then(resolve, reject);
        },
      };
      const timer = setTimeout(() => collection.done(), COLLECT_TIMEOUT_MS);
      collections.set(id, collection);
      for (const w of workers) w.send({ type: COLLECT, id });
      if (workers.length === 0) collection.done();
    });
  }
}
