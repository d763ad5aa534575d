import { useCallback, useRef, useState } from 'react';
import type { Issue } from './formality-errors';

/**
 * The state of a formalities form checked as it is typed, as the billing forms do: a field's issue
 * shows once the field was left, or after a send attempt; the API's issue on a field stays until
 * that field is edited; the first field in error gets the focus.
 */
export function useFormalityForm<F extends string>() {
  const [touched, setTouched] = useState<ReadonlySet<F>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [serverIssues, setServerIssues] = useState<Partial<Record<F, Issue>>>({});
  const elements = useRef(new Map<F, HTMLElement>());

  /** The issue to show on `field`, given the form's own checks. */
  const issueOf = (field: F, local: Partial<Record<F, Issue>>): Issue | undefined => {
    const server = serverIssues[field];
    if (server) return server;
    const found = local[field];
    return found && (attempted || touched.has(field)) ? found : undefined;
  };

  const touch = (field: F) => setTouched((current) => (current.has(field) ? current : new Set([...current, field])));

  /** A field was edited: the API's verdict on it no longer applies. */
  const edited = (field: F) =>
    setServerIssues((current) => {
      if (!current[field]) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });

  const fieldRef = useCallback(
    (field: F) => (element: HTMLElement | null) => {
      if (element) elements.current.set(field, element);
      else elements.current.delete(field);
    },
    [],
  );

  /** Moves focus to the first of `order` with an issue in `found`; whether there was one. */
  const focusFirst = (order: readonly F[], found: Partial<Record<F, Issue>>): boolean => {
    const first = order.find((field) => found[field] && elements.current.has(field));
    if (first) elements.current.get(first)?.focus();
    return first !== undefined;
  };

  const reset = () => {
    setTouched(new Set());
    setAttempted(false);
    setServerIssues({});
  };

  return { issueOf, touch, edited, fieldRef, focusFirst, attempted, setAttempted, setServerIssues, reset };
}
