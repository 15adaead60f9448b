import PgBoss from 'pg-boss';

/**
 * Queue name → payload. Each module declares its own queues by augmenting this interface:
 *
 *   declare module '../../platform/jobs.js' { interface JobQueues { 'import-validate': { importJobId: number } } }
 *
 * Payloads are JSON and carry ids, not records: the handler reads the current state from the
 * database, so any process may pick the job up.
 */
export interface JobQueues {}
export type QueueName = keyof JobQueues & string;
export type JobHandler<Q extends QueueName> = (data: JobQueues[Q]) => Promise<void>;

/** Background jobs (công việc chạy nền): send from any process, worked by those that run jobs. */
export interface Jobs {
  send<Q extends QueueName>(queue: Q, data: JobQueues[Q]): Promise<void>;
  /** Declares the handler of a queue; a process that does not run jobs ignores it. */
  work<Q extends QueueName>(queue: Q, handler: JobHandler<Q>): Promise<void>;
  /**
   * Sends `data` to the queue on a cron schedule (five fields, Vietnam time). pg-boss keeps one
   * schedule per queue in the database and one process sends each tick, however many run jobs;
   * a process that does not run jobs ignores it.
   */
  schedule<Q extends QueueName>(queue: Q, cron: string, data: JobQueues[Q]): Promise<void>;
  stop(): Promise<void>;
}

interface Logger {
  error(obj: object, msg: string): void;
}

export const PGBOSS_SCHEMA = 'pgboss';

export interface PgBossOptions {
  /** Work queues in this process (config.runJobs); without it the process only sends. */
  runWorkers: boolean;
  log: Logger;
  /** How long a job may run before pg-boss considers its worker dead and retries it. */
  expireInSeconds?: number;
  pollingIntervalSeconds?: number;
}

/**
 * pg-boss on the application's own database (schema `pgboss`). All state is in PostgreSQL, so any
 * number of server processes may send and work; a job taken by a process that dies is retried
 * once after it expires, which is why handlers must be safe to run again.
 */
export async function startPgBossJobs(databaseUrl: string, opts: PgBossOptions): Promise<Jobs> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: PGBOSS_SCHEMA,
    application_name: 'thidua-jobs',
    max: 4,
    // Maintenance and cron only where jobs run: a send-only process needs neither.
    supervise: opts.runWorkers,
    schedule: opts.runWorkers,
  });
  // On Ctrl-C the embedded PostgreSQL is stopped by its own exit hook at the same moment, so
  // connections dropped while stopping are expected, not failures worth an error line.
  let stopping = false;
  boss.on('error', (err: Error) => {
    if (!stopping) opts.log.error({ err }, 'pg-boss error');
  });
  await boss.start();

  // Creating a queue is idempotent in pg-boss (ON CONFLICT DO NOTHING); remember ours to skip the round trip.
  const created = new Set<string>();
  const ensureQueue = async (name: string) => {
    if (created.has(name)) return;
    await boss.createQueue(name, { name, retryLimit: 1, expireInSeconds: opts.expireInSeconds ?? 3600 });
    created.add(name);
  };
  const localWorkers = new Map<string, string>();

  return {
    async send(queue, data) {
      await ensureQueue(queue);
      await boss.send(queue, data as object);
      // A worker in this same process need not wait for its next poll.
      const workerId = localWorkers.get(queue);
      if (workerId) boss.notifyWorker(workerId);
    },
    async work(queue, handler) {
      if (!opts.runWorkers) return;
      await ensureQueue(queue);
      const id = await boss.work<JobQueues[typeof queue]>(
        queue,
        { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1 },
        async (batch) => {
          for (const job of batch) await handler(job.data);
        },
      );
      localWorkers.set(queue, id);
    },
    async schedule(queue, cron, data) {
      if (!opts.runWorkers) return;
      await ensureQueue(queue);
      await boss.schedule(queue, cron, data as object, { tz: 'Asia/Ho_Chi_Minh' });
    },
    async stop() {
      stopping = true;
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}

/**
 * Runs handlers in this process, right after `send`, without a queue. For tests and tools that
 * need no durability; `drain()` waits for everything sent so far.
 */
export function inlineJobs(log: Logger = { error: () => undefined }): Jobs & { drain(): Promise<void> } {
  const handlers = new Map<string, (data: never) => Promise<void>>();
  const running = new Set<Promise<void>>();
  const drain = async () => {
    while (running.size) await Promise.allSettled([...running]);
  };
  return {
    async send(queue, data) {
      const handler = handlers.get(queue) as JobHandler<typeof queue> | undefined;
      if (!handler) throw new Error(`no handler for queue ${queue}`);
      // setImmediate: the sender returns first, as it would with a real queue.
      const p: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => handler(data))
        .catch((err: unknown) => log.error({ err, queue }, 'job failed'))
        .finally(() => running.delete(p));
      running.add(p);
    },
    async work(queue, handler) {
      handlers.set(queue, handler as (data: never) => Promise<void>);
    },
    // No clock here: tests call a scheduled job's function themselves.
    async schedule() {},
    drain,
    stop: drain,
  };
}
