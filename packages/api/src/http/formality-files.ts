import type { Readable } from 'node:stream';
import { Router, type Request } from 'express';
import { DomainError, validationFailed } from '../common/domain-error';
import { authorize } from '../modules/identity/access';
import { linkOwnerOf } from '../modules/identity/principal';
import { FORMALITY_FILE_MAX_BYTES } from '../modules/formalities/formalities.service';
import type { Services } from '../services';
import { authorizeRoute, FILE_ROUTES, routeContext, routePrincipal } from './file-routes';
import { queryValue as first, readBody, saveableName, sendFailure, sendStoredFile } from './mail-files';

/** The types a body may be declared as. None of them can be sent cross-site without a CORS preflight, never granted here. */
const UPLOAD_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg']);

const tooLarge = (): DomainError =>
  new DomainError('VALIDATION_FAILED', `The file is larger than ${FORMALITY_FILE_MAX_BYTES / 1024 / 1024} MB.`, [
    { field: 'file', code: 'FORMALITY_FILE_TOO_LARGE' },
  ]);

/** The raw body, within the size limit, once its declared type is one accepted here. */
async function uploadedBody(req: Request, accepted: ReadonlySet<string>): Promise<Buffer> {
  const type = (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!accepted.has(type)) {
    throw new DomainError('BAD_USER_INPUT', `Send the file as the raw request body with Content-Type ${[...accepted].join(', ')}.`);
  }
  const declared = Number(req.get('content-length'));
  if (Number.isFinite(declared) && declared > FORMALITY_FILE_MAX_BYTES) throw tooLarge();
  try {
    return await readBody(req, FORMALITY_FILE_MAX_BYTES);
  } catch (error) {
    if (error instanceof DomainError) throw tooLarge();
    throw error;
  }
}

/**
 * File routes of the formalities (declared in FILE_ROUTES, decided by `authorize()`):
 * - POST /files/formalities/:companyId/:requestId — the client's file answer to a FILE request.
 * - POST /files/formality-documents/:companyId/:formalityId?title=… — the operator delivers a PDF.
 * - GET /files/formality-documents/:companyId/:documentId — a delivered document: a signed link made
 *   by createFormalityDocumentLink (sessions), or directly with `Authorization: Bearer` (API tokens).
 */
export function formalityFilesRouter(services: Services, log: (m: string) => void): Router {
  const router = Router();

  router.post(FILE_ROUTES.uploadFormalityAnswer.path.replace('/files', ''), async (req, res) => {
    try {
      const companyId = String(req.params.companyId);
      const principal = await authorizeRoute(services, req, res, FILE_ROUTES.uploadFormalityAnswer, companyId);
      const body = await uploadedBody(req, UPLOAD_TYPES);
      const answer = await services.formalities.answerFile(routeContext(principal, req), companyId, String(req.params.requestId), body);
      res.status(201).setHeader('Cache-Control', 'no-store');
      res.json({
        answer: {
          id: answer.id,
          requestId: answer.requestId,
          fileType: answer.fileType,
          fileSize: answer.fileSize,
          sha256: answer.fileSha256,
          review: answer.review,
          answeredAt: answer.answeredAt.toISOString(),
        },
      });
    } catch (error) {
      if (!req.complete) req.resume();
      sendFailure(res, error, log);
    }
  });

  router.post(FILE_ROUTES.deliverFormalityDocument.path.replace('/files', ''), async (req, res) => {
    try {
      const companyId = String(req.params.companyId);
      const principal = await authorizeRoute(services, req, res, FILE_ROUTES.deliverFormalityDocument, companyId);
      const body = await uploadedBody(req, new Set(['application/pdf']));
      const title = first(req.query.title);
      if (title !== undefined && title.length > 1000)
        throw validationFailed([{ field: 'title', code: 'TEXT_TOO_LONG', params: { max: '200' } }]);
      const doc = await services.formalities.deliverDocument(
        routeContext(principal, req),
        companyId,
        String(req.params.formalityId),
        title,
        body,
      );
      res.status(201).setHeader('Cache-Control', 'no-store');
      res.json({
        document: { id: doc.id, formalityId: doc.formalityId, title: doc.title, size: doc.fileSize, sha256: doc.fileSha256 },
      });
    } catch (error) {
      if (!req.complete) req.resume();
      sendFailure(res, error, log);
    }
  });

  router.get(FILE_ROUTES.downloadFormalityDocument.path.replace('/files', ''), async (req, res) => {
    let stream: Readable | null = null;
    try {
      const companyId = String(req.params.companyId);
      const documentId = String(req.params.documentId);
      const principal = await routePrincipal(services, req, res);
      const ctx = routeContext(principal, req);
      let disposition: 'inline' | 'attachment' = first(req.query.d) === 'inline' ? 'inline' : 'attachment';
      if (principal.kind !== 'apiToken') {
        // A person opens documents through short-lived links bound to their session, never by a bare URL.
        const link = {
          companyId,
          documentId,
          userId: first(req.query.u) ?? '',
          disposition: first(req.query.d) ?? '',
          expires: first(req.query.e) ?? '',
          signature: first(req.query.s) ?? '',
        };
        services.formalities.verifyDocumentLink(ctx, link, linkOwnerOf(principal));
        disposition = link.disposition === 'inline' ? 'inline' : 'attachment';
      }
      authorize(principal, FILE_ROUTES.downloadFormalityDocument.access, companyId);
      const opened = await services.formalities.openDocument(ctx, companyId, documentId);
      stream = opened.stream;
      await sendStoredFile(res, stream, {
        contentType: 'application/pdf',
        size: opened.doc.fileSize,
        disposition,
        asciiName: `document-${opened.doc.id}.pdf`,
        name: `${saveableName(opened.doc.title)}.pdf`,
      });
    } catch (error) {
      stream?.destroy();
      if (res.headersSent) {
        log(`formality document download aborted: ${error instanceof Error ? error.message : String(error)}`);
        res.destroy();
        return;
      }
      sendFailure(res, error, log);
    }
  });

  return router;
}
