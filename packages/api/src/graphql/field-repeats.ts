import { Kind, visit, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/** Counts past this are not worth carrying (the limit is far below). */
const CAP = 1_000_000;

/**
 * The most times one response key (alias or field name) occurs in a single selection set, with its
 * inline fragments and fragment spreads flattened into it. graphql-js's OverlappingFieldsCanBeMerged
 * rule compares every pair of fields that share a key, so a document that repeats `me { … }` a few
 * hundred times (well under the token limit, no alias) costs seconds of validation; this count is
 * linear and runs before validation.
 */
export function maxFieldRepeats(document: DocumentNode): { key: string; count: number } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const fragmentKeys = new Map<string, Map<string, number> | null>();

  const memo = new Map<SelectionSetNode, Map<string, number>>();
  const keysOf = (set: SelectionSetNode): Map<string, number> => {
    const cached = memo.get(set);
    if (cached) return cached;
    const counts = new Map<string, number>();
    memo.set(set, counts);
    const add = (key: string, n: number): void => void counts.set(key, Math.min((counts.get(key) ?? 0) + n, CAP));
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) add((s.alias ?? s.name).value, 1);
      else {
        const inner = s.kind === Kind.INLINE_FRAGMENT ? keysOf(s.selectionSet) : keysOfFragment(s.name.value);
        for (const [key, n] of inner) add(key, n);
      }
    }
    return counts;
  };
  const keysOfFragment = (name: string): Map<string, number> => {
    const known = fragmentKeys.get(name);
    if (known !== undefined) return known ?? new Map(); // null: a cycle, which validation refuses
    const fragment = fragments.get(name);
    if (!fragment) return new Map();
    fragmentKeys.set(name, null);
    const keys = keysOf(fragment.selectionSet);
    fragmentKeys.set(name, keys);
    return keys;
  };

  let worst = { key: '', count: 0 };
  visit(document, {
    SelectionSet: (set) => {
      for (const [key, count] of keysOf(set)) if (count > worst.count) worst = { key, count };
    },
  });
  return worst;
}
