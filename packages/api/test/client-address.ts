import type { GraphQLResponse, TestApp } from './harness';

/**
 * A GraphQL request from a given client address, as a proxy on loopback reports it
 * (`X-Forwarded-For`, trusted from 127.0.0.1 by the default TRUST_PROXY). No cookie.
 */
export async function gqlFrom<T = Record<string, unknown>>(
  app: Pick<TestApp, 'url'>,
  ip: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GraphQLResponse<T>, 'status' | 'headers'>;
  return { status: res.status, headers: res.headers, ...body };
}
