import { rawEnv } from '@/config/raw-env';

export interface Env {
  /** Same-origin GraphQL endpoint; the session cookie is sent with it. */
  graphqlUrl: string;
  /** Vite dev server (shows development helpers; never in a production build). */
  isDev: boolean;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}

/** Validates the build-time environment once, so a wrong value fails at start-up. */
export function parseEnv(raw: Record<string, unknown>): Env {
  const graphqlUrl = stringOr(raw.VITE_GRAPHQL_URL, '/graphql');
  if (!graphqlUrl.startsWith('/')) {
    throw new Error(`VITE_GRAPHQL_URL must be a same-origin path (got "${graphqlUrl}")`);
  }
  return { graphqlUrl, isDev: raw.DEV === true };
}

export const env: Env = parseEnv(rawEnv);
