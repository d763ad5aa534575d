import { useCallback, useRef, useState } from 'react';
import type { FieldIssue, Issues } from '../utils/company-form';

/**
 * The state of a form checked live with the shared rules, as the team invite dialog does: a field's
 * error shows once the field was left with something typed, or after a send attempt; the API's error
 * on a field stays until that field is edited.
 */
export function useFieldForm<F extends string>(initial: Record<F, string>, check: (values: Record<F, string>) => Issues<F>) {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Partial<Record<F, boolean>>>({});
  const [serverIssues, setServerIssues] = useState<Issues<F>>({});
  const [showAll, setShowAll] = useState(false);
  const elements = useRef(new Map<F, HTMLElement>());
  const local = check(values);

  const issue = (field: F): FieldIssue | undefined => {
    const found = local[field];
    if (found && (showAll || touched[field])) return found;
    return serverIssues[field];
  };

  const change = (field: F, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setServerIssues((current) => (current[field] ? { ...current, [field]: undefined } : current));
  };

  const blur = (field: F) => {
    if (values[field].trim() !== '') setTouched((current) => ({ ...current, [field]: true }));
  };

  const fieldRef = useCallback(
    (field: F) => (element: HTMLElement | null) => {
      if (element) elements.current.set(field, element);
      else elements.current.delete(field);
    },
    [],
  );

  /** Moves focus to the first of `order` that has an issue in `found`; whether there was one. */
  const focusFirst = (order: readonly F[], found: Issues<F>): boolean => {
    const first = order.find((field) => found[field]);
    if (first) elements.current.get(first)?.focus();
    return first !== undefined;
  };

  const reset = (next: Record<F, string> = initial) => {
    setValues(next);
    setTouched({});
    setServerIssues({});
    setShowAll(false);
  };

  return { values, setValues, local, issue, change, blur, fieldRef, focusFirst, showAll, setShowAll, setServerIssues, reset };
}
