import type { OperationVariables } from '@apollo/client';
import type { useQuery } from '@apollo/client/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '@/lib/errors';
import { localeOf } from '@/lib/i18n';

/** A page of a list as the API gives it (a connection over its cursor). */
interface ListConnection {
  totalCount: number;
  edges: readonly { node: { id: string } }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/** A query that reads one of the company's lists: `company { <field>(first, after, filter) }`. */
type CompanyListQuery<K extends string> = { company: { [P in K]: ListConnection | null } | null };

/** The connection of `field` as the query's generated type has it (its nodes with all their fields). */
type ConnectionOf<TData, K extends string> = TData extends { company: infer C }
  ? NonNullable<C> extends { [P in K]: infer L }
    ? NonNullable<L>
    : never
  : never;

type NodeOf<TData, K extends string> = ConnectionOf<TData, K> extends { edges: readonly { node: infer N }[] } ? N : never;

export interface LoadMoreMessage {
  text: string;
  failed: boolean;
}

interface CompanyListQueryResult<TData, TVariables extends OperationVariables> {
  data: TData | undefined;
  previousData?: TData;
  loading: boolean;
  fetchMore: useQuery.Result<TData, TVariables>['fetchMore'];
}

/**
 * One of the company's lists shown a page at a time (mail, invoices, formalities): while another
 * filter loads, the previous list stays (`stale`: dimmed, aria-busy) instead of a spinner; "Charger
 * plus" adds the next page over the API's cursor, says how many came (or why none did) in
 * `moreMessage`, and moves focus to the first new row's link once it is rendered (`rowRef`).
 */
export function useCompanyList<TData extends CompanyListQuery<K>, TVariables extends OperationVariables, K extends string>(
  query: CompanyListQueryResult<TData, TVariables>,
  field: K,
  texts: { loaded: (count: number) => string; loadMoreFailed: string },
) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const listOf = (data: TData | undefined): ListConnection | undefined => data?.company?.[field] ?? undefined;
  const fresh = listOf(query.data);
  const connection = fresh ?? (query.loading ? listOf(query.previousData) : undefined);
  const stale = !fresh && connection !== undefined;
  const nodes = useMemo(() => connection?.edges.map((edge) => edge.node) ?? [], [connection]);
  const total = connection?.totalCount ?? 0;

  const [loadingMore, setLoadingMore] = useState(false);
  const [moreMessage, setMoreMessage] = useState<LoadMoreMessage | null>(null);
  const rowLinks = useRef(new Map<string, HTMLAnchorElement>());
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    const link = focusId ? rowLinks.current.get(focusId) : undefined;
    if (!link) return;
    link.focus();
    setFocusId(null);
  }, [focusId, nodes]);

  const rowRef = (id: string, element: HTMLAnchorElement | null) => {
    if (element) rowLinks.current.set(id, element);
    else rowLinks.current.delete(id);
  };

  const loadMore = async () => {
    const after = connection?.pageInfo.endCursor;
    if (!after || loadingMore) return;
    setLoadingMore(true);
    setMoreMessage(null);
    const known = new Set(nodes.map((node) => node.id));
    try {
      const result = await query.fetchMore({
        variables: { after } as unknown as Partial<TVariables>,
        updateQuery: (previous, { fetchMoreResult }) => {
          const before = listOf(previous as TData);
          const page = listOf(fetchMoreResult as TData);
          const company = (previous as TData).company;
          if (!company || !before || !page) return previous;
          return { ...previous, company: { ...company, [field]: { ...page, edges: [...before.edges, ...page.edges] } } };
        },
      });
      const added = (listOf(result.data as TData | undefined)?.edges ?? []).map((edge) => edge.node).filter((node) => !known.has(node.id));
      setMoreMessage({ text: texts.loaded(added.length), failed: false });
      // Keyboard and screen-reader users continue from the first new row (focused once rendered).
      setFocusId(added[0]?.id ?? null);
    } catch (cause) {
      setMoreMessage({ text: `${texts.loadMoreFailed} ${describeError(cause, locale, t('errors.network'))}`, failed: true });
    } finally {
      setLoadingMore(false);
    }
  };

  return {
    connection: connection as ConnectionOf<TData, K> | undefined,
    stale,
    nodes: nodes as NodeOf<TData, K>[],
    total,
    loadMore,
    loadingMore,
    moreMessage,
    rowRef,
  };
}
