import type { ApolloCache } from '@apollo/client';
import { ApiTokensDocument, type ApiTokenItemFragment } from './generated';

/** Puts a token just issued at the top of the company's list in the cache (the list is newest first). */
export function prependToken(cache: ApolloCache, companyId: string, token: ApiTokenItemFragment): void {
  cache.updateQuery({ query: ApiTokensDocument, variables: { companyId } }, (data) => {
    if (!data?.company) return data;
    const others = (data.company.apiTokens ?? []).filter((item) => item.id !== token.id);
    return { company: { ...data.company, apiTokens: [token, ...others] } };
  });
}
