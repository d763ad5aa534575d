import type { DataSource } from 'typeorm';
import { dbDate } from '../../db/columns';

/**
 * How long personal data that serves no further purpose is kept (each a setting, RETENTION_*, with
 * its default and its reason in docs/privacy.md). What the law requires to keep (invoices, the
 * evidence of signatures, the journal's entries themselves) is never touched here.
 */
export interface RetentionSettings {
  /** Sessions, this many days after they expired or were ended: the IP and device of a sign-in stay that long. */
  sessionsDays: number;
  /** Password-reset links, this many days after they expired or were used. */
  resetLinksDays: number;
  /** The IP address in the journal's entries is erased after this many months (the entry stays). */
  journalIpMonths: number;
  /** Emails sent (or given up), with their bodies, deleted this many days after. */
  sentEmailsDays: number;
  /** Public requests whose work failed for good (reset or access requests), deleted this many days after. */
  failedRequestsDays: number;
  /** Access requests once approved or refused, deleted this many months after the decision. */
  decidedAccessRequestsMonths: number;
}

export const DEFAULT_RETENTION: RetentionSettings = {
  sessionsDays: 30,
  resetLinksDays: 7,
  journalIpMonths: 12,
  sentEmailsDays: 90,
  failedRequestsDays: 30,
  decidedAccessRequestsMonths: 12,
};

export interface PurgeCounts {
  sessions: number;
  resetLinks: number;
  journalIps: number;
  sentEmails: number;
  failedRequests: number;
  accessRequests: number;
}

const DAY_MS = 86_400_000;

/** `months` calendar months before `now` (UTC). */
function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

function affected(result: unknown): number {
  // TypeORM: DeleteResult/UpdateResult carry `affected` on both engines.
  return (result as { affected?: number | null }).affected ?? 0;
}

/**
 * One purge, as of `now` (a parameter, so that tests move the clock). Idempotent: running it twice,
 * or in two workers at once, deletes nothing more. Each statement is a bounded set-based DELETE or
 * UPDATE on an indexed date, not a row-by-row loop.
 */
export async function purgeExpiredData(ds: DataSource, settings: RetentionSettings, now: Date): Promise<PurgeCounts> {
  const kind = ds.options.type === 'mysql' ? 'mysql' : 'sqlite';
  const at = (d: Date) => dbDate(kind, d);
  const daysAgo = (days: number) => at(new Date(now.getTime() - days * DAY_MS));

  const sessions = affected(
    await ds
      .createQueryBuilder()
      .delete()
      .from('sessions')
      .where('expires_at < :t', { t: daysAgo(settings.sessionsDays) })
      .execute(),
  );
  const resetLinks = affected(
    await ds
      .createQueryBuilder()
      .delete()
      .from('password_resets')
      .where('expires_at < :t OR (used_at IS NOT NULL AND used_at < :t)', { t: daysAgo(settings.resetLinksDays) })
      .execute(),
  );
  const journalIps = affected(
    await ds
      .createQueryBuilder()
      .update('activity_events')
      .set({ ip: null })
      .where('ip IS NOT NULL AND created_at < :t', { t: at(monthsBefore(now, settings.journalIpMonths)) })
      .execute(),
  );
  const sentEmails = affected(
    await ds
      .createQueryBuilder()
      .delete()
      .from('outbox_emails')
      .where("(status = 'SENT' AND sent_at < :t) OR (status = 'FAILED' AND created_at < :t)", { t: daysAgo(settings.sentEmailsDays) })
      .execute(),
  );
  const failedRequests = affected(
    await ds
      .createQueryBuilder()
      .delete()
      .from('deferred_requests')
      .where("status = 'FAILED' AND created_at < :t", { t: daysAgo(settings.failedRequestsDays) })
      .execute(),
  );
  const accessRequests = affected(
    await ds
      .createQueryBuilder()
      .delete()
      .from('access_requests')
      .where("status <> 'PENDING' AND decided_at IS NOT NULL AND decided_at < :t", {
        t: at(monthsBefore(now, settings.decidedAccessRequestsMonths)),
      })
      .execute(),
  );
  return { sessions, resetLinks, journalIps, sentEmails, failedRequests, accessRequests };
}

/**
 * The daily purge of a worker process: at most once per UTC day per process (several workers may
 * each run it; the purge is idempotent).
 */
export class RetentionJob {
  private lastDay: string | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly settings: RetentionSettings,
    private readonly log: (message: string) => void,
  ) {}

  async runIfDue(now: Date = new Date()): Promise<PurgeCounts | null> {
    const day = now.toISOString().slice(0, 10);
    if (this.lastDay === day) return null;
    const counts = await purgeExpiredData(this.ds, this.settings, now);
    this.lastDay = day;
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    if (total > 0)
      this.log(
        `retention: ${Object.entries(counts)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
    return counts;
  }
}
