import type { GraphiQLProps } from 'graphiql';
import { GraphQLError } from 'graphql';

type Fetcher = GraphiQLProps['fetcher'];

/**
 * Posts every operation to the same-origin `/graphql`, with the headers typed in the editor
 * (e.g. `{"Authorization": "Bearer …"}`) and the session cookie, which the API ignores when a
 * Bearer header is present.
 */
export const fetcher: Fetcher = async (params, options) => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(options?.headers ?? {})) {
    if (value !== undefined && value !== null) headers.set(name, String(value));
  }
  headers.set('content-type', 'application/json');
  headers.set('accept', 'application/graphql-response+json, application/json');
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers,
    body: JSON.stringify(params),
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as Awaited<ReturnType<Fetcher>>;
  } catch {
    // Not a GraphQL response (a proxy error page, a refused token…): shown as an error.
    return { errors: [new GraphQLError(`HTTP ${response.status}: ${text.slice(0, 500)}`)] };
  }
};
