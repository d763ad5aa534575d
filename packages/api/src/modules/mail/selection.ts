import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * Whether the query selects the field at `path` under the current field (e.g. edges → node → tags),
 * looking through inline fragments and named fragments. Used to fetch a relation for a whole page
 * in one statement, and only when it is asked for.
 */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  const walk = (set: SelectionSetNode | undefined, depth: number): boolean => {
    if (!set) return false;
    return set.selections.some((s) => {
      if (s.kind === 'Field') {
        if (s.name.value !== path[depth]) return false;
        return depth === path.length - 1 || walk(s.selectionSet, depth + 1);
      }
      if (s.kind === 'InlineFragment') return walk(s.selectionSet, depth);
      return walk(info.fragments[s.name.value]?.selectionSet, depth);
    });
  };
  return info.fieldNodes.some((node) => walk(node.selectionSet, 0));
}
