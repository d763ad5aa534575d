import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import { authorize } from '../modules/identity/access';
import { ANONYMOUS, linkOwnerOf } from '../modules/identity/principal';
import { invoiceFileName } from '../modules/invoices/invoices.labels';
import type { Services } from '../services';
import { FILE_ROUTES, routeContext, routePrincipal } from './file-routes';
import { contentDisposition, queryValue as first, sendError, sendFailure, sendStoredFile } from './mail-files';

const CONTENT_TYPES = { pdf: 'application/pdf', xml: 'application/xml; charset=utf-8' } as const;

/**
 * File routes of the invoices (declared in FILE_ROUTES, decided by `authorize()`):
 * - GET /files/invoices/:companyId/:invoiceId/:format — `pdf` (the Factur-X) or `xml` (the CII XML):
 *   a signed link made by createInvoiceLink (sessions), or directly with `Authorization: Bearer`
 *   (API tokens holding invoice:download).
 * - GET /files/invoice-exports/:token — a signed link made by createInvoicesExport: the CSV, or a
 *   ZIP of the PDFs with the CSV, built while it streams.
 */
export function invoiceFilesRouter(services: Services, log: (m: string) => void): Router {
  const router = Router();

  router.get(FILE_ROUTES.downloadInvoice.path.replace('/files', ''), async (req, res) => {
    let stream: Readable | null = null;
    try {
      const companyId = String(req.params.companyId);
      const invoiceId = String(req.params.invoiceId);
      const format = String(req.params.format);
      const principal = await routePrincipal(services, req, res);
      const ctx = routeContext(principal, req);
      let disposition: 'inline' | 'attachment' = first(req.query.d) === 'inline' ? 'inline' : 'attachment';
      if (principal.kind !== 'apiToken') {
        // A person opens invoices through short-lived links bound to their session, never by a bare URL.
        const link = {
          companyId,
          invoiceId,
          format,
          userId: first(req.query.u) ?? '',
          disposition: first(req.query.d) ?? '',
          expires: first(req.query.e) ?? '',
          signature: first(req.query.s) ?? '',
        };
        services.invoiceFiles.verifyLink(ctx, link, linkOwnerOf(principal));
        disposition = link.disposition === 'inline' ? 'inline' : 'attachment';
      }
      authorize(principal, FILE_ROUTES.downloadInvoice.access, companyId);
      if (format !== 'pdf' && format !== 'xml') {
        sendError(res, 404, 'NOT_FOUND', 'No such file: the format is pdf or xml.', undefined, { resource: 'File' });
        return;
      }
      const opened = await services.invoiceFiles.openFile(ctx, companyId, invoiceId, format, disposition);
      stream = opened.stream;
      const name = invoiceFileName(opened.invoice.number, format);
      await sendStoredFile(res, stream, {
        contentType: CONTENT_TYPES[format],
        size: opened.size,
        disposition: opened.disposition,
        asciiName: name,
        name,
      });
    } catch (error) {
      stream?.destroy();
      if (res.headersSent) {
        // Integrity failure or a broken source mid-way: the client sees an incomplete response.
        log(`invoice download aborted: ${error instanceof Error ? error.message : String(error)}`);
        res.destroy();
        return;
      }
      sendFailure(res, error, log);
    }
  });

  router.get(FILE_ROUTES.downloadInvoicesExport.path.replace('/files', ''), async (req, res) => {
    try {
      // The link is checked before the caller is resolved: a bad link is refused whoever opens it.
      const payload = services.invoiceFiles.decodeExport(routeContext(ANONYMOUS, req), String(req.params.token));
      const principal = await routePrincipal(services, req, res);
      const ctx = routeContext(principal, req);
      services.invoiceFiles.checkExportOwner(ctx, payload, linkOwnerOf(principal));
      authorize(principal, FILE_ROUTES.downloadInvoicesExport.access, payload.c);
      const opened = await services.invoiceFiles.openExport(ctx, payload);
      res.status(200);
      res.setHeader('Content-Type', opened.contentType);
      res.setHeader('Content-Disposition', contentDisposition('attachment', opened.fileName, opened.fileName));
      res.setHeader('Cache-Control', 'private, no-store');
      try {
        await pipeline(opened.stream, res);
      } catch (error) {
        log(`invoice export aborted: ${error instanceof Error ? error.message : String(error)}`);
        res.destroy();
      }
    } catch (error) {
      sendFailure(res, error, log);
    }
  });

  return router;
}
