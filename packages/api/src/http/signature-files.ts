import type { Readable } from 'node:stream';
import { Router, type Request, type Response } from 'express';
import { authorize } from '../modules/identity/access';
import { linkOwnerOf, type Principal } from '../modules/identity/principal';
import type { Disposition, LinkKind } from '../modules/signatures/signature-links';
import type { Services } from '../services';
import { FILE_ROUTES, routeContext, routePrincipal, type FileRouteDeclaration } from './file-routes';
import { queryValue as first, saveableName as saveable, sendFailure, sendStoredFile } from './mail-files';

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

interface Opened {
  stream: Readable;
  contentType: string;
  size: number;
  asciiName: string;
  name: string;
}

/**
 * Checks the signed link of a person (API tokens need none on the client routes; operator routes
 * take sessions only), then the route's declaration, through the one `authorize()`.
 */
function checkAccess(
  services: Services,
  req: Request,
  principal: Principal,
  route: FileRouteDeclaration,
  kind: LinkKind,
  companyId: string | null,
  targetId: string,
  fallback: Disposition,
): Disposition {
  const ctx = routeContext(principal, req);
  let disposition = fallback;
  if (principal.kind !== 'apiToken' || companyId === null) {
    // A person opens files through short-lived links bound to their session, never by a bare URL.
    disposition = services.signatures.verifyLink(
      ctx,
      {
        kind,
        companyId: companyId ?? '-',
        targetId,
        userId: first(req.query.u) ?? '',
        disposition: first(req.query.d) ?? '',
        expires: first(req.query.e) ?? '',
        signature: first(req.query.s) ?? '',
      },
      linkOwnerOf(principal),
    );
  }
  authorize(principal, route.access, companyId ?? undefined);
  return disposition;
}

const send = (res: Response, opened: Opened, disposition: Disposition): Promise<void> =>
  sendStoredFile(res, opened.stream, { ...opened, disposition });

/**
 * File routes of the signatures and of the answers (declared in FILE_ROUTES, decided by `authorize()`):
 * - GET /files/signature-documents/:companyId/:signatureRequestId — the PDF to sign (the signer
 *   opening it goes into the evidence);
 * - GET /files/signed-documents/:companyId/:signatureRequestId — the sealed PDF;
 * - GET /files/formality-answers/:companyId/:answerId — a client's file answer;
 * - GET /files/operator/… — the same files for the operator's staff, through their own links.
 * Each reads through a signed link made by a mutation (sessions) or directly with an API token.
 */
export function signatureFilesRouter(services: Services, log: (m: string) => void): Router {
  const router = Router();

  const route = (
    declaration: FileRouteDeclaration,
    kind: LinkKind,
    params: { company: boolean; target: string },
    fallback: Disposition,
    open: (req: Request, principal: Principal, companyId: string | null, targetId: string) => Promise<Opened>,
  ): void => {
    router.get(declaration.path.replace('/files', ''), async (req, res) => {
      let stream: Readable | null = null;
      try {
        const companyId = params.company ? String(req.params.companyId) : null;
        const targetId = String(req.params[params.target]);
        const principal = await routePrincipal(services, req, res);
        const disposition = checkAccess(services, req, principal, declaration, kind, companyId, targetId, fallback);
        const opened = await open(req, principal, companyId, targetId);
        stream = opened.stream;
        await send(res, opened, disposition);
      } catch (error) {
        stream?.destroy();
        if (res.headersSent) {
          log(`${kind} download aborted: ${error instanceof Error ? error.message : String(error)}`);
          res.destroy();
          return;
        }
        sendFailure(res, error, log);
      }
    });
  };

  route(
    FILE_ROUTES.downloadSignatureDocument,
    'signature-document',
    { company: true, target: 'signatureRequestId' },
    'inline',
    async (req, principal, companyId, id) => {
      const opened = await services.signatures.openDocumentToSign(routeContext(principal, req), companyId ?? '', id);
      const name = saveable(opened.request.documentTitle);
      return {
        stream: opened.stream,
        contentType: 'application/pdf',
        size: opened.size,
        asciiName: `document-${id}.pdf`,
        name: `${name}.pdf`,
      };
    },
  );

  const signed = async (req: Request, principal: Principal, companyId: string | null, id: string): Promise<Opened> => {
    const ctx = routeContext(principal, req);
    const opened = await services.signatures.openSigned(ctx, companyId, id);
    const name = saveable(`${opened.request.documentTitle} - signé`);
    return { stream: opened.stream, contentType: 'application/pdf', size: opened.size, asciiName: `signed-${id}.pdf`, name: `${name}.pdf` };
  };
  route(FILE_ROUTES.downloadSignedDocument, 'signed-document', { company: true, target: 'signatureRequestId' }, 'attachment', signed);
  route(
    FILE_ROUTES.operatorSignedDocument,
    'operator-signed-document',
    { company: false, target: 'signatureRequestId' },
    'attachment',
    signed,
  );

  const answer = async (req: Request, principal: Principal, companyId: string | null, id: string): Promise<Opened> => {
    const ctx = routeContext(principal, req);
    const opened = await services.signatures.openAnswer(ctx, companyId, id);
    const type = opened.answer.fileType ?? 'application/octet-stream';
    const file = `answer-${id}.${EXTENSIONS[type] ?? 'bin'}`;
    return { stream: opened.stream, contentType: type, size: opened.answer.fileSize ?? 0, asciiName: file, name: file };
  };
  route(FILE_ROUTES.downloadFormalityAnswer, 'formality-answer', { company: true, target: 'answerId' }, 'inline', answer);
  route(FILE_ROUTES.operatorFormalityAnswer, 'operator-formality-answer', { company: false, target: 'answerId' }, 'inline', answer);

  route(
    FILE_ROUTES.operatorFormalityDocument,
    'operator-formality-document',
    { company: false, target: 'documentId' },
    'inline',
    async (req, principal, _companyId, id) => {
      const ctx = routeContext(principal, req);
      const doc = await services.signatures.findDocument(ctx, id);
      if (doc) await services.signatures.journalStaffAccess(ctx, doc.companyId, 'FormalityDocument', doc.id);
      const opened = await services.formalities.openDocument(ctx, doc?.companyId ?? '', id);
      return {
        stream: opened.stream,
        contentType: 'application/pdf',
        size: opened.doc.fileSize,
        asciiName: `document-${id}.pdf`,
        name: `${saveable(opened.doc.title)}.pdf`,
      };
    },
  );

  return router;
}
