// The framework floor: React, react-router and Apollo Client doing the least a page of ours does
// (a router, a client, one typed query). The bundle benchmark compares the app's initial
// JavaScript with this, built in the same run.
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider, useQuery } from '@apollo/client/react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';

const ME: TypedDocumentNode<{ me: { user: { id: string } } | null }, Record<string, never>> = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Me' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'me' },
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: '__typename' } }] },
          },
        ],
      },
    },
  ],
} as unknown as TypedDocumentNode<{ me: { user: { id: string } } | null }, Record<string, never>>;

function Home() {
  const { data } = useQuery(ME);
  return <p>{data?.me ? 'signed in' : 'anonymous'}</p>;
}

const client = new ApolloClient({ link: new HttpLink({ uri: '/graphql' }), cache: new InMemoryCache() });
const router = createBrowserRouter([{ path: '/', element: <Home /> }]);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <ApolloProvider client={client}>
      <RouterProvider router={router} />
    </ApolloProvider>,
  );
}
