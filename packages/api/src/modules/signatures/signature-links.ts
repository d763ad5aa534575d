import { DomainError } from '../../common/domain-error';
import { isId } from '../../common/ids';
import { hmacSign, hmacVerify } from '../../common/signing';

/** Signed links live 5 minutes, like the other file links. */
export const SIGNATURE_LINK_TTL_MS = 5 * 60_000;

/**
 * What a link opens. The first three are the client's routes (the company in the path); the
 * `operator-*` ones are staff routes, with no company in the path.
 */
export type LinkKind =
  | 'signature-document'
  | 'signed-document'
  | 'formality-answer'
  | 'operator-formality-answer'
  | 'operator-signed-document'
  | 'operator-formality-document';

export const LINK_PATHS: Record<LinkKind, (companyId: string, id: string) => string> = {
  'signature-document': (c, id) => `/files/signature-documents/${c}/${id}`,
  'signed-document': (c, id) => `/files/signed-documents/${c}/${id}`,
  'formality-answer': (c, id) => `/files/formality-answers/${c}/${id}`,
  'operator-formality-answer': (_c, id) => `/files/operator/formality-answers/${id}`,
  'operator-signed-document': (_c, id) => `/files/operator/signed-documents/${id}`,
  'operator-formality-document': (_c, id) => `/files/operator/formality-documents/${id}`,
};

export type Disposition = 'inline' | 'attachment';

export interface LinkParams {
  kind: LinkKind;
  /** '-' for the operator's links. */
  companyId: string;
  targetId: string;
  userId: string;
  disposition: string;
  expires: string;
  signature: string;
}

const message = (p: Omit<LinkParams, 'signature'>): string =>
  [p.kind, p.companyId, p.targetId, p.userId, p.disposition, p.expires].join('\n');

const invalidLink = (): DomainError => new DomainError('INVALID_TOKEN', 'This link is invalid. Ask for a new one from the formality page.');
const expiredLink = (): DomainError =>
  new DomainError('INVALID_TOKEN', 'This link has expired. Ask for a new one from the formality page.');
const otherSession = (): DomainError =>
  new DomainError('FORBIDDEN', 'This link belongs to another session: open it from your own Guichet page, signed in.');

/** A short-lived link bound to the member (or token) it is made for, signed under FILE_URL_SECRET. */
export function makeLink(
  secret: string,
  publicUrl: string,
  now: Date,
  target: { kind: LinkKind; companyId: string | null; targetId: string; userId: string; disposition: Disposition },
): { url: string; expiresAt: Date } {
  const expires = String(Math.floor((now.getTime() + SIGNATURE_LINK_TTL_MS) / 1000));
  const params = { ...target, companyId: target.companyId ?? '-', expires };
  const query = new URLSearchParams({ u: target.userId, d: target.disposition, e: expires, s: hmacSign(secret, message(params)) });
  return {
    url: `${publicUrl}${LINK_PATHS[target.kind](params.companyId, target.targetId)}?${query.toString()}`,
    expiresAt: new Date(Number(expires) * 1000),
  };
}

/** Checks a link: well formed, signed here, opened by the member it was made for, not expired. */
export function verifyLink(secret: string, now: Date, p: LinkParams, owner: string | null): Disposition {
  const companyOk = p.companyId === '-' ? p.kind.startsWith('operator-') : isId(p.companyId);
  if (!companyOk || !isId(p.targetId) || !isId(p.userId) || !/^\d{1,12}$/.test(p.expires)) throw invalidLink();
  if (p.disposition !== 'inline' && p.disposition !== 'attachment') throw invalidLink();
  if (!hmacVerify(secret, message(p), p.signature)) throw invalidLink();
  if (owner !== p.userId) throw otherSession();
  if (Number(p.expires) * 1000 <= now.getTime()) throw expiredLink();
  return p.disposition;
}
