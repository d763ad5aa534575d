import type { Request, Response } from 'express';
import type { ServiceContext } from '../db/with-transaction';
import { authorize, type AccessDeclaration } from '../modules/identity/access';
import { actorOf, type Principal } from '../modules/identity/principal';
import { resolvePrincipal } from '../modules/identity/resolve-principal';
import { notePrincipal, requestIdOf } from '../observability/request-record';
import { principalSources, type Services } from '../services';

export interface FileRouteDeclaration {
  method: 'GET' | 'POST';
  /** Express path under the app root. */
  path: string;
  access: AccessDeclaration;
  description: string;
}

/**
 * Every HTTP route that reaches files, with its access declaration: the same `authorize()` as the
 * GraphQL fields decides them, and the declarations snapshot shows them beside the schema's.
 */
export const FILE_ROUTES = {
  uploadScan: {
    method: 'POST',
    path: '/files/mail',
    access: { kind: 'staff', operatorToken: 'scan:upload' },
    description: 'Uploads one scanned letter (raw PDF body) for the company named by ?companyId.',
  },
  downloadScan: {
    method: 'GET',
    path: '/files/mail/:companyId/:mailItemId',
    access: { kind: 'permission', permission: 'mail:download', company: { arg: 'companyId' } },
    description: 'One scan: with a session, through a signed link from createMailItemLink; with an API token, directly.',
  },
  downloadExport: {
    method: 'GET',
    path: '/files/exports/:token',
    access: { kind: 'permission', permission: 'mail:export', company: 'signedLink' },
    description: 'A ZIP export made by createMailExport, for the member or token that asked for it.',
  },
  downloadInvoice: {
    method: 'GET',
    path: '/files/invoices/:companyId/:invoiceId/:format',
    access: { kind: 'permission', permission: 'invoice:download', company: { arg: 'companyId' } },
    description:
      'The Factur-X PDF (format pdf) or the CII XML (xml) of one invoice: with a session, through a signed link from createInvoiceLink; with an API token, directly.',
  },
  downloadInvoicesExport: {
    method: 'GET',
    path: '/files/invoice-exports/:token',
    access: { kind: 'permission', permission: 'invoice:download', company: 'signedLink' },
    description: 'A CSV or ZIP export made by createInvoicesExport, for the member or token that asked for it.',
  },
  uploadFormalityAnswer: {
    method: 'POST',
    path: '/files/formalities/:companyId/:requestId',
    access: { kind: 'permission', permission: 'formality:respond', company: { arg: 'companyId' } },
    description:
      'Answers a FILE information request with one file (raw body: application/pdf, image/png or image/jpeg; its real type is read from its content).',
  },
  deliverFormalityDocument: {
    method: 'POST',
    path: '/files/formality-documents/:companyId/:formalityId',
    access: { kind: 'staff' },
    description: 'Operator: delivers one document (raw PDF body, ?title=…) to a formality of the company.',
  },
  downloadFormalityDocument: {
    method: 'GET',
    path: '/files/formality-documents/:companyId/:documentId',
    access: { kind: 'permission', permission: 'formality:download', company: { arg: 'companyId' } },
    description:
      'A delivered document: with a session, through a signed link from createFormalityDocumentLink; with an API token, directly.',
  },
  downloadSignatureDocument: {
    method: 'GET',
    path: '/files/signature-documents/:companyId/:signatureRequestId',
    access: { kind: 'permission', permission: 'formality:read', company: { arg: 'companyId' } },
    description:
      'The PDF a signature request is for, checked against its SHA-256: with a session, through a signed link from createSignatureDocumentLink (the signer opening it is recorded in the evidence); with an API token, directly.',
  },
  downloadSignedDocument: {
    method: 'GET',
    path: '/files/signed-documents/:companyId/:signatureRequestId',
    access: { kind: 'permission', permission: 'formality:download', company: { arg: 'companyId' } },
    description:
      'The sealed PDF of a signed request: with a session, through a signed link from createSignedDocumentLink; with an API token, directly.',
  },
  downloadFormalityAnswer: {
    method: 'GET',
    path: '/files/formality-answers/:companyId/:answerId',
    access: { kind: 'permission', permission: 'formality:read', company: { arg: 'companyId' } },
    description:
      'A file answered to an information request: with a session, through a signed link from createFormalityAnswerLink; with an API token, directly.',
  },
  operatorFormalityAnswer: {
    method: 'GET',
    path: '/files/operator/formality-answers/:answerId',
    access: { kind: 'staff' },
    description: 'Operator: a client’s file answer, through a signed link from operatorAnswerLink.',
  },
  operatorSignedDocument: {
    method: 'GET',
    path: '/files/operator/signed-documents/:signatureRequestId',
    access: { kind: 'staff' },
    description: 'Operator: the sealed PDF of a signed request, through a signed link from operatorSignedDocumentLink.',
  },
  operatorFormalityDocument: {
    method: 'GET',
    path: '/files/operator/formality-documents/:documentId',
    access: { kind: 'staff' },
    description: 'Operator: a delivered document, through a signed link from operatorFormalityDocumentLink.',
  },
} as const satisfies Record<string, FileRouteDeclaration>;

/** The caller of a file route, resolved exactly as for GraphQL. */
export async function routePrincipal(services: Services, req: Request, res: Response): Promise<Principal> {
  const principal = await resolvePrincipal(principalSources(services), req, res);
  // For the request line: the caller, and the company the route names (`:companyId`), if any.
  notePrincipal(res, principal, req.params.companyId);
  return principal;
}

/** Resolves the caller and decides with the route's declaration; throws the coded refusal. */
export async function authorizeRoute(
  services: Services,
  req: Request,
  res: Response,
  route: FileRouteDeclaration,
  companyId: unknown,
): Promise<Principal> {
  const principal = await routePrincipal(services, req, res);
  authorize(principal, route.access, companyId);
  return principal;
}

/**
 * What a file route hands to a service: the route's caller (null while anonymous, e.g. a link
 * opened without a session, refused by the link check), the request's instant, and no transaction.
 */
export function routeContext(principal: Principal, req: Request): ServiceContext {
  const ip = req.ip ?? null;
  return {
    actor: principal.kind === 'anonymous' ? null : actorOf(principal, ip),
    now: new Date(),
    ip,
    userAgent: req.get('user-agent') ?? null,
    requestId: requestIdOf(req.res),
  };
}
