import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Metrics } from './metrics';

const BEARER = /^Bearer +(\S+) *$/i;

/** Compares digests, so the time taken says nothing of the token, not even its length. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * GET /metrics: the Prometheus text, for a scraper that sends `Authorization: Bearer <METRICS_TOKEN>`.
 * Without METRICS_TOKEN the route does not exist (404); a missing or wrong token gets 401.
 */
export function metricsRoute(metrics: Metrics, token: string | undefined) {
  return async (req: Request, res: Response): Promise<void> => {
    res.setHeader('Cache-Control', 'no-store');
    if (token === undefined) {
      res.status(404).json({ error: 'NOT_FOUND' });
      return;
    }
    const given = BEARER.exec(req.get('authorization') ?? '')?.[1];
    if (given === undefined || !sameSecret(given, token)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      res.status(401).json({
        error: 'UNAUTHENTICATED',
        message: 'The metrics need the header "Authorization: Bearer <METRICS_TOKEN>".',
      });
      return;
    }
    try {
      const body = await metrics.render();
      res.setHeader('Content-Type', metrics.contentType);
      res.send(body);
    } catch {
      res.status(500).json({ error: 'INTERNAL_SERVER_ERROR', message: 'The metrics could not be read.' });
    }
  };
}
