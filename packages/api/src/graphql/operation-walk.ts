import { Kind, type DocumentNode, type FieldNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/** The fragments of a document by name. */
function fragmentsOf(document: DocumentNode): Map<string, SelectionSetNode> {
  const fragments = new Map<string, SelectionSetNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d.selectionSet);
  return fragments;
}

/**
 * The fields selected directly on the operation's root type, through inline fragments and fragment
 * spreads, one entry per occurrence (aliases and repeats included; @skip/@include are not evaluated).
 */
export function rootFieldsOf(document: DocumentNode, operation: OperationDefinitionNode): FieldNode[] {
  const fragments = fragmentsOf(document);
  const fields: FieldNode[] = [];
  const walk = (set: SelectionSetNode, seen: ReadonlySet<string>): void => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) fields.push(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet, seen);
      else if (!seen.has(s.name.value)) {
        const fragment = fragments.get(s.name.value);
        if (fragment) walk(fragment, new Set([...seen, s.name.value]));
      }
    }
  };
  walk(operation.selectionSet, new Set());
  return fields;
}

/** Whether the operation selects one of `names` at any depth, fragments included. */
export function selectsAnyField(document: DocumentNode, operation: OperationDefinitionNode, names: ReadonlySet<string>): boolean {
  const fragments = fragmentsOf(document);
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode): boolean =>
    set.selections.some((s) => {
      if (s.kind === Kind.FIELD) return names.has(s.name.value) || (s.selectionSet !== undefined && walk(s.selectionSet));
      if (s.kind === Kind.INLINE_FRAGMENT) return walk(s.selectionSet);
      if (visited.has(s.name.value)) return false;
      visited.add(s.name.value);
      const fragment = fragments.get(s.name.value);
      return fragment !== undefined && walk(fragment);
    });
  return walk(operation.selectionSet);
}
