import { createApolloClient } from '@/lib/apollo-client';
import { followAccessChange } from '@/lib/access-change';
import { endSession } from '@/lib/auth';
import { createI18n } from '@/lib/i18n';
import { AppProvider } from './provider';
import { AppRouter } from './router';

const i18n = createI18n();
const client = createApolloClient({
  // A protected call found no valid session: forget the user; the signed-in layout then sends
  // them to the login page with a "session expired" notice and a way back here.
  onSessionEnd: () => void endSession(client, 'expired'),
  // A refused operation: the access may have changed meanwhile; follow it and forget what was lost.
  onAccessDenied: () => void followAccessChange(client),
});

export function App() {
  return (
    <AppProvider client={client} i18n={i18n}>
      <AppRouter client={client} />
    </AppProvider>
  );
}
