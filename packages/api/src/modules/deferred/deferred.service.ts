import type { DataSource } from 'typeorm';
import { newId } from '../../common/ids';
import { transactionRequestId, type ServiceContext, type TransactionalContext } from '../../db/with-transaction';
import { DeferredRequestEntity } from './deferred-request.entity';

/** The public requests carried out after the answer, and what each one carries. */
export interface DeferredPayloads {
  /** Send a reset link if the address has an (enabled) account. */
  password_reset: { email: string };
  /** Tell the holder of the address, if it has an account, that sign-in is locked until `lockedUntil` (ISO). */
  login_locked: { email: string; lockedUntil: string };
  /** File an access request if the SIRET is a client's, and tell its administrators. */
  access_request: { siret: string; email: string; firstName: string; lastName: string; message: string | null };
  /** Tell the administrators that an invitee whose link expired wants a new one. */
  new_link_request: { tokenHash: string };
}

export type DeferredKind = keyof DeferredPayloads;

type Handler<K extends DeferredKind> = (ctx: TransactionalContext, payload: DeferredPayloads[K]) => Promise<void>;

interface StoredPayload<K extends DeferredKind> {
  ip: string | null;
  args: DeferredPayloads[K];
}

/**
 * The queue of deferred requests. A public operation whose work depends on what it names (does the
 * account exist? is the SIRET a client's?) writes one row here — the same statement whatever it
 * names — and answers; the deferred-request worker then carries the row out in a transaction of its
 * own, with the handler its service registered, and deletes it. So the answer takes the same
 * statements, and about the same time, whether or not the account or company exists.
 */
export class DeferredRequests {
  private readonly handlers = new Map<DeferredKind, Handler<DeferredKind>>();

  constructor(private readonly ds: DataSource) {}

  /** Registers what carries out `kind` (each service registers its own kinds once, at start). */
  handle<K extends DeferredKind>(kind: K, handler: Handler<K>): void {
    if (this.handlers.has(kind)) throw new Error(`deferred request ${kind}: already handled`);
    this.handlers.set(kind, handler as unknown as Handler<DeferredKind>);
  }

  /** Writes the request (in the caller's transaction if there is one). */
  async enqueue<K extends DeferredKind>(ctx: ServiceContext, kind: K, args: DeferredPayloads[K]): Promise<void> {
    const stored: StoredPayload<K> = { ip: ctx.ip ?? null, args };
    // One INSERT and nothing else (no re-read of the defaulted columns).
    await (ctx.em ?? this.ds.manager)
      .createQueryBuilder()
      .insert()
      .into(DeferredRequestEntity)
      .values({
        id: newId(ctx.now.getTime()),
        kind,
        payload: JSON.stringify(stored),
        status: 'PENDING',
        attempts: 0,
        nextAttemptAt: ctx.now,
        lastError: null,
        createdAt: ctx.now,
        requestId: ctx.requestId ?? (ctx.em ? transactionRequestId(ctx.em) : null),
      })
      .updateEntity(false)
      .execute();
  }

  /**
   * Carries out one row in the worker's transaction; the caller's address is the request's (and
   * `ctx.requestId` the request's id, which the emails it writes carry).
   */
  async carryOut(ctx: TransactionalContext, row: Pick<DeferredRequestEntity, 'kind' | 'payload'>): Promise<void> {
    const handler = this.handlers.get(row.kind as DeferredKind);
    if (!handler) throw new Error(`deferred request ${row.kind}: no handler`);
    const stored = JSON.parse(row.payload) as StoredPayload<DeferredKind>;
    await handler({ ...ctx, ip: stored.ip }, stored.args);
  }
}
