import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { parse, type DocumentNode } from 'graphql';
import { maxFieldRepeats } from '../graphql/field-repeats';
import type { QueryLimits } from '../graphql/query-limits';

/** Largest JSON body `/graphql` reads. */
export const GRAPHQL_BODY_LIMIT_BYTES = 1024 * 1024;

/** Answers like a GraphQL request error, so every failure of `/graphql` is JSON a client can read. */
function sendError(res: Response, status: number, code: string, message: string): void {
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/**
 * A POST to `/graphql` must carry JSON (`Content-Type: application/json`): anything else, or no type
 * at all, is refused with 415 before the body is read. GET requests carry no body.
 */
export function requireJsonBody(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'POST' || req.is('application/json')) return next();
  sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported request format: send JSON with Content-Type: application/json.');
}

/**
 * Refuses, before Apollo validates it, a document that repeats one response key too often in a
 * selection set (see field-repeats.ts): graphql-js's validation is quadratic in those repeats. The
 * document is parsed within the token limit; one that does not parse goes on to Apollo, which
 * answers with the parse error.
 */
export function refuseRepeatedFields(limits: QueryLimits): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    const query: unknown =
      req.method === 'GET' ? req.query.query : typeof body === 'object' && body !== null ? (body as { query?: unknown }).query : undefined;
    if (typeof query !== 'string') return next();
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: limits.maxTokens, noLocation: true });
    } catch {
      return next();
    }
    const worst = maxFieldRepeats(document);
    if (worst.count <= limits.maxFieldRepeats) return next();
    res
      .status(400)
      .type('application/json')
      .send(
        JSON.stringify({
          errors: [
            {
              message: `"${worst.key}" is selected ${worst.count} times in one selection set, above the maximum of ${limits.maxFieldRepeats}: use aliases of distinct fields, or split the query.`,
              extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'fieldRepeats' },
            },
          ],
        }),
      );
  };
}

interface BodyError {
  type?: string;
  status?: number;
  statusCode?: number;
}

/** The body parser's failures (too large, not JSON, unknown charset) as GraphQL-shaped JSON errors. */
export function graphqlBodyErrors(log: (message: string) => void) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(error);
    const e = (typeof error === 'object' && error !== null ? error : {}) as BodyError;
    switch (e.type) {
      case 'entity.too.large':
        return sendError(
          res,
          413,
          'PAYLOAD_TOO_LARGE',
          `The request is too large: at most ${GRAPHQL_BODY_LIMIT_BYTES / (1024 * 1024)} MB.`,
        );
      case 'entity.parse.failed':
        return sendError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
      case 'charset.unsupported':
      case 'encoding.unsupported':
        return sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported request format: send JSON encoded in UTF-8.');
    }
    const status = e.status ?? e.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendError(res, status, 'BAD_REQUEST', 'The request could not be read.');
    log(`graphql request error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error.');
  };
}
