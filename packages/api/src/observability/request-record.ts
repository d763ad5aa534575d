import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { isId } from '../common/ids';
import type { Principal } from '../modules/identity/principal';

/**
 * What the request line of one HTTP request says beyond method, route and status: its id, and what
 * the handlers learnt on the way (the GraphQL operation, the caller, the company). Kept on the
 * response object; filled by the handlers, written once when the response closes.
 */
export interface RequestRecord {
  /** The request id: the caller's `X-Request-Id` when it is safe, else a new UUID. */
  readonly id: string;
  /** performance.now() when the request arrived. */
  readonly startedAt: number;
  /** The GraphQL operation's name, when the request carries one. */
  operation?: string;
  principal?: PrincipalKind;
  companyId?: string;
}

/** The caller, as request lines and metrics name it (a staff member is a session of the operator's staff). */
export type PrincipalKind = 'anonymous' | 'session' | 'staff' | 'apiToken' | 'operatorToken';

/** The request ids taken from callers: short, and nothing a log reader or a header could trip on. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A GraphQL name (what an operation name must be), at most 100 characters. */
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

const RECORD = Symbol('guichet.requestRecord');
type Recorded = ServerResponse & { [RECORD]?: RequestRecord };

/** The request id a caller sent, when usable: one value, 1 to 64 characters of A-Z a-z 0-9 . _ - */
export function acceptedRequestId(header: string | string[] | undefined): string | null {
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : null;
}

/** Starts the record of a request and answers its id in `X-Request-Id`. */
export function openRecord(req: IncomingMessage, res: ServerResponse): RequestRecord {
  const record: RequestRecord = {
    id: acceptedRequestId(req.headers['x-request-id']) ?? randomUUID(),
    startedAt: performance.now(),
  };
  (res as Recorded)[RECORD] = record;
  res.setHeader('X-Request-Id', record.id);
  return record;
}

export function recordOf(res: ServerResponse | undefined): RequestRecord | undefined {
  return res ? (res as Recorded)[RECORD] : undefined;
}

/** The id of the request being answered with `res` (null outside a request). */
export function requestIdOf(res: ServerResponse | undefined): string | null {
  return recordOf(res)?.id ?? null;
}

export function principalKind(principal: Principal): PrincipalKind {
  if (principal.kind === 'session') return principal.isStaff ? 'staff' : 'session';
  return principal.kind;
}

/**
 * Notes the caller of the request, and the company it acts on when known: a company token's own,
 * else `companyId` when it is an id (what the request names; the access decision is the resolvers').
 */
export function notePrincipal(res: ServerResponse | undefined, principal: Principal, companyId?: unknown): void {
  const record = recordOf(res);
  if (!record) return;
  record.principal = principalKind(principal);
  if (principal.kind === 'apiToken') record.companyId = principal.companyId;
  else if (typeof companyId === 'string' && isId(companyId)) record.companyId = companyId;
}

/** Notes the GraphQL operation's name, when it is a valid name (anything else is not logged). */
export function noteOperation(res: ServerResponse | undefined, name: unknown): void {
  const record = recordOf(res);
  if (record && typeof name === 'string' && OPERATION_NAME.test(name)) record.operation = name;
}
