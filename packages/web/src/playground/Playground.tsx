import './workers';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import { fetcher } from './fetcher';
import { headerFreeStorage } from './storage';

const plugins = [explorerPlugin(), HISTORY_PLUGIN];
const storage = headerFreeStorage();

const DEFAULT_QUERY = `# Guichet — API GraphQL (POST /graphql)
# Authentification : collez {"Authorization": "Bearer <jeton>"} dans Headers (ci-dessous),
# ou utilisez la session de votre navigateur si vous êtes connecté à Guichet.
# Authentication: paste {"Authorization": "Bearer <token>"} into Headers (below),
# or use your browser's session if you are signed in to Guichet.

query Me {
  me {
    user {
      email
    }
  }
}
`;

export default function Playground() {
  return (
    <GraphiQL
      fetcher={fetcher}
      plugins={plugins}
      storage={storage}
      shouldPersistHeaders={false}
      defaultQuery={DEFAULT_QUERY}
      defaultEditorToolsVisibility="headers"
      defaultTheme="light"
    >
      <GraphiQL.Logo>Guichet</GraphiQL.Logo>
    </GraphiQL>
  );
}
