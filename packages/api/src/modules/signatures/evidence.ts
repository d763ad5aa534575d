import { createHash } from 'node:crypto';
import { newId } from '../../common/ids';
import type { TransactionalContext } from '../../db/with-transaction';
import { SignatureEventEntity, type SignatureEventKind, type SignatureRequestEntity } from './signature-request.entity';

/** The `previous_hash` of a request's first event. */
export const GENESIS_HASH = '0'.repeat(64);
const FORMAT = 'guichet-signature-event/v1';

/** The fields an event's hash covers: all of them but its own id and hash. */
export type HashedFields = Pick<
  SignatureEventEntity,
  'requestId' | 'seq' | 'kind' | 'at' | 'ip' | 'userAgent' | 'userId' | 'userName' | 'companyId' | 'detail' | 'previousHash'
>;

/**
 * The canonical serialisation of an event: a JSON array in a fixed order (no key order to agree
 * on), the time as ISO 8601 UTC to the millisecond, absent values as null.
 */
export function canonicalEvent(e: HashedFields): string {
  return JSON.stringify([
    FORMAT,
    e.requestId,
    e.seq,
    e.kind,
    new Date(e.at).toISOString(),
    e.ip ?? null,
    e.userAgent ?? null,
    e.userId ?? null,
    e.userName ?? null,
    e.companyId,
    e.detail ?? null,
    e.previousHash,
  ]);
}

/** SHA-256 (hex) of the canonical serialisation, which includes the previous event's hash. */
export const eventHash = (e: HashedFields): string => createHash('sha256').update(canonicalEvent(e), 'utf8').digest('hex');

export interface EventInput {
  /** Who acted (null for the system), with their name as shown then. */
  userId: string | null;
  userName: string | null;
  detail?: string | null;
}

/**
 * Appends one event to a request's chain. The caller holds the request's row lock in `tx` (every
 * append does), so appends of one request are serialised; the unique `(request_id, seq)` refuses
 * a second event with the same number should one ever get past it, instead of forking the chain.
 */
export async function appendEvent(
  tx: TransactionalContext,
  request: Pick<SignatureRequestEntity, 'id' | 'companyId'>,
  kind: SignatureEventKind,
  input: EventInput,
): Promise<SignatureEventEntity> {
  const last = await tx.em.findOne(SignatureEventEntity, { where: { requestId: request.id }, order: { seq: 'DESC' } });
  const fields: HashedFields = {
    requestId: request.id,
    seq: (last?.seq ?? 0) + 1,
    kind,
    at: tx.now,
    ip: tx.ip ? tx.ip.slice(0, 64) : null,
    userAgent: tx.userAgent ? tx.userAgent.slice(0, 500) : null,
    userId: input.userId,
    userName: input.userName ? input.userName.slice(0, 200) : null,
    companyId: request.companyId,
    detail: input.detail ?? null,
    previousHash: last?.hash ?? GENESIS_HASH,
  };
  const event: SignatureEventEntity = { id: newId(tx.now.getTime()), ...fields, hash: eventHash(fields) };
  await tx.em.insert(SignatureEventEntity, event);
  return event;
}

export interface ChainCheck {
  intact: boolean;
  /** The hash of the last event (the whole trail's fingerprint); the genesis hash when there is none. */
  finalHash: string;
  /** The first event whose number, link or hash does not verify. */
  brokenAtSeq: number | null;
  problem: string | null;
}

/**
 * Walks the chain from the first event: each must be numbered next, point to the previous event's
 * hash and carry the hash of its own content. Says where it first breaks and how.
 */
export function verifyChain(events: readonly SignatureEventEntity[]): ChainCheck {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  let previous = GENESIS_HASH;
  for (const [index, event] of sorted.entries()) {
    const broken = (problem: string): ChainCheck => ({
      intact: false,
      finalHash: sorted.at(-1)?.hash ?? GENESIS_HASH,
      brokenAtSeq: event.seq,
      problem,
    });
    if (event.seq !== index + 1) return broken(`event number ${event.seq} found where ${index + 1} was expected (an event is missing)`);
    if (event.previousHash !== previous) return broken('its previous hash is not the hash of the event before it');
    if (eventHash(event) !== event.hash) return broken('its content does not match its hash (the event was changed)');
    previous = event.hash;
  }
  return { intact: true, finalHash: previous, brokenAtSeq: null, problem: null };
}
