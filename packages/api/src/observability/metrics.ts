import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { dbDate } from '../db/columns';
import { withTimeout } from '../db/unavailable';
import { DeferredRequestEntity } from '../modules/deferred/deferred-request.entity';
import { OutboxEmailEntity } from '../modules/mailer/outbox-email.entity';
import { SPA_OPERATIONS } from './spa-operations';

/**
 * The process's metrics in the Prometheus text format (GET /metrics, docs/operations.md "Metrics").
 * Every label has a bounded set of values: routes are the app's route patterns, operations the web
 * app's own names (any other is `other`), error codes the server's (at most MAX_ERROR_CODES).
 */

/** How long a scrape waits for the database (queue gauges) before reporting them as unknown. */
export const SCRAPE_DATABASE_TIMEOUT_MS = 1000;

/** Distinct error codes counted under their own name; any further one is counted as `OTHER`. */
const MAX_ERROR_CODES = 50;
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Seconds: from 5 ms (a probe) to 10 s (a large export). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The label of a GraphQL operation: the web app's names as they are, `anonymous` without a name, `other` otherwise. */
export function operationLabel(name: string | undefined): string {
  if (name === undefined) return 'anonymous';
  return SPA_OPERATIONS.has(name) ? name : 'other';
}

let processRegistry: Registry | undefined;

/** Node's own metrics (CPU, memory, event loop, GC), once per process whatever the number of servers in it. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

interface MysqlPool {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
  config?: { connectionLimit?: number };
}

export class Metrics {
  private readonly registry = new Registry();
  private readonly errorCodes = new Set<string>();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status_class'>;
  private readonly graphqlDuration: Histogram<'operation'>;
  private readonly graphqlErrors: Counter<'code'>;
  private readonly poolConnections: Gauge<'state'>;
  private readonly poolMax: Gauge;
  private readonly poolWaiting: Gauge;
  private readonly databaseUp: Gauge;
  private readonly outboxPending: Gauge;
  private readonly outboxOldestAge: Gauge;
  private readonly outboxFailed: Gauge;
  private readonly deferredPending: Gauge;
  private readonly deferredLag: Gauge;

  constructor(private readonly ds: DataSource) {
    // Node's metrics count from the first server's start (GC, event loop delay), not from the first scrape.
    processMetrics();
    const registers = [this.registry];
    this.httpDuration = new Histogram({
      name: 'guichet_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status class, from arrival to the end of the response.',
      labelNames: ['method', 'route', 'status_class'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.graphqlDuration = new Histogram({
      name: 'guichet_graphql_request_duration_seconds',
      help: "GraphQL requests by operation: the web app's operation names, `anonymous`, or `other` for any other name.",
      labelNames: ['operation'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.graphqlErrors = new Counter({
      name: 'guichet_graphql_errors_total',
      help: 'Errors in GraphQL answers, by extensions.code (UNAUTHENTICATED, FORBIDDEN, INTERNAL_SERVER_ERROR…).',
      labelNames: ['code'],
      registers,
    });
    this.poolConnections = new Gauge({
      name: 'guichet_db_pool_connections',
      help: 'Database connections of this process by state (in_use, idle). SQLite: its one connection, in use during a transaction.',
      labelNames: ['state'],
      registers,
    });
    this.poolMax = new Gauge({ name: 'guichet_db_pool_max', help: 'Most connections the pool opens (SQLite: 1).', registers });
    this.poolWaiting = new Gauge({
      name: 'guichet_db_pool_waiting',
      help: 'Queries waiting for a free connection of the pool (MySQL/MariaDB; 0 on SQLite).',
      registers,
    });
    this.databaseUp = new Gauge({
      name: 'guichet_metrics_database_up',
      help: `1 when this scrape read the queues from the database within ${SCRAPE_DATABASE_TIMEOUT_MS} ms; 0 when not (the queue gauges are then NaN).`,
      registers,
    });
    this.outboxPending = new Gauge({ name: 'guichet_outbox_pending', help: 'Emails not sent yet (PENDING or SENDING).', registers });
    this.outboxOldestAge = new Gauge({
      name: 'guichet_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest email not sent yet (0 when none).',
      registers,
    });
    this.outboxFailed = new Gauge({ name: 'guichet_outbox_failed', help: 'Emails given up after their last attempt (FAILED).', registers });
    this.deferredPending = new Gauge({
      name: 'guichet_deferred_pending',
      help: 'Deferred requests (password resets, access requests…) not carried out yet.',
      registers,
    });
    this.deferredLag = new Gauge({
      name: 'guichet_deferred_lag_seconds',
      help: 'How long the most overdue deferred request has been due (0 when none is due).',
      registers,
    });
  }

  /** One HTTP request, when its response has closed. */
  observeRequest(method: string, route: string, status: number, seconds: number, graphql?: { operation: string | undefined }): void {
    this.httpDuration.observe(
      { method: METHODS.has(method) ? method : 'other', route, status_class: `${Math.floor(status / 100)}xx` },
      seconds,
    );
    if (graphql) this.graphqlDuration.observe({ operation: operationLabel(graphql.operation) }, seconds);
  }

  /** One error of a GraphQL answer, by its code. */
  countGraphqlError(code: unknown): void {
    let label = typeof code === 'string' && ERROR_CODE.test(code) ? code : 'OTHER';
    if (label !== 'OTHER' && !this.errorCodes.has(label)) {
      if (this.errorCodes.size >= MAX_ERROR_CODES) label = 'OTHER';
      else this.errorCodes.add(label);
    }
    this.graphqlErrors.inc({ code: label });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text of a scrape: the gauges read now (the queues within SCRAPE_DATABASE_TIMEOUT_MS), then every metric. */
  async render(now: Date = new Date()): Promise<string> {
    this.readPool();
    await this.readQueues(now);
    const [node, own] = await Promise.all([processMetrics().metrics(), this.registry.metrics()]);
    return `${node.trimEnd()}\n\n${own.trimEnd()}\n`;
  }

  private readPool(): void {
    if (this.ds.options.type === 'mysql') {
      const pool = (this.ds.driver as unknown as { pool?: MysqlPool }).pool;
      const all = pool?._allConnections?.length ?? 0;
      const idle = pool?._freeConnections?.length ?? 0;
      this.poolConnections.set({ state: 'in_use' }, all - idle);
      this.poolConnections.set({ state: 'idle' }, idle);
      this.poolMax.set(pool?.config?.connectionLimit ?? 0);
      this.poolWaiting.set(pool?._connectionQueue?.length ?? 0);
      return;
    }
    const runner = (this.ds.driver as unknown as { queryRunner?: { isTransactionActive?: boolean } }).queryRunner;
    const inUse = runner?.isTransactionActive ? 1 : 0;
    this.poolConnections.set({ state: 'in_use' }, inUse);
    this.poolConnections.set({ state: 'idle' }, 1 - inUse);
    this.poolMax.set(1);
    this.poolWaiting.set(0);
  }

  private async readQueues(now: Date): Promise<void> {
    const gauges = [this.outboxPending, this.outboxOldestAge, this.outboxFailed, this.deferredPending, this.deferredLag];
    try {
      const values = await withTimeout(this.queues(now), SCRAPE_DATABASE_TIMEOUT_MS, 'the database');
      values.forEach((value, i) => gauges[i]?.set(value));
      this.databaseUp.set(1);
    } catch {
      for (const gauge of gauges) gauge.set(Number.NaN);
      this.databaseUp.set(0);
    }
  }

  /** [outbox pending, oldest pending age (s), outbox failed, deferred pending, deferred lag (s)]. */
  private async queues(now: Date): Promise<number[]> {
    const kind = this.ds.options.type;
    const seconds = (from: Date | undefined): number => (from ? Math.max(0, (now.getTime() - from.getTime()) / 1000) : 0);
    const outbox = this.ds.getRepository(OutboxEmailEntity);
    const deferred = this.ds.getRepository(DeferredRequestEntity);
    const [outboxPending, oldestEmail, outboxFailed, deferredPending, mostOverdue] = await Promise.all([
      outbox
        .createQueryBuilder('o')
        .where('o.status IN (:...s)', { s: ['PENDING', 'SENDING'] })
        .getCount(),
      outbox
        .createQueryBuilder('o')
        .select(['o.id', 'o.createdAt'])
        .where('o.status IN (:...s)', { s: ['PENDING', 'SENDING'] })
        .orderBy('o.created_at', 'ASC')
        .limit(1)
        .getOne(),
      outbox.createQueryBuilder('o').where('o.status = :s', { s: 'FAILED' }).getCount(),
      deferred
        .createQueryBuilder('d')
        .where('d.status IN (:...s)', { s: ['PENDING', 'RUNNING'] })
        .getCount(),
      deferred
        .createQueryBuilder('d')
        .select(['d.id', 'd.nextAttemptAt'])
        .where('d.status IN (:...s)', { s: ['PENDING', 'RUNNING'] })
        .andWhere('d.next_attempt_at <= :at', { at: dbDate(kind, now) })
        .orderBy('d.next_attempt_at', 'ASC')
        .limit(1)
        .getOne(),
    ]);
    return [outboxPending, seconds(oldestEmail?.createdAt), outboxFailed, deferredPending, seconds(mostOverdue?.nextAttemptAt)];
  }
}
