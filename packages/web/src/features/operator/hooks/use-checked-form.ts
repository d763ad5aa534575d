import { validationMessage, type Locale } from '@guichet/shared';
import { useCallback, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { isLocalIssue, type FieldKey, type Issue } from '../utils/invoice-form';

/**
 * The state of an operator's form checked live (fields named by keys — a billing form's lines
 * included —, issues of the form's own kind): a field's issue shows once the field was left, or
 * after a send attempt; the API's issue on a field stays until that field is edited; the first
 * field in error gets the focus.
 */
export function useCheckedForm<F extends string = FieldKey, I = Issue>() {
  const [touched, setTouched] = useState<ReadonlySet<F>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [serverIssues, setServerIssues] = useState<Partial<Record<F, I>>>({});
  const elements = useRef(new Map<F, HTMLElement>());

  /** The issue to show on `key`, given the form's own checks. */
  const issueOf = (key: F, local: Readonly<Partial<Record<F, I>>>): I | undefined => {
    const server = serverIssues[key];
    if (server) return server;
    const found = local[key];
    return found && (attempted || touched.has(key)) ? found : undefined;
  };

  const touch = (key: F) => setTouched((current) => (current.has(key) ? current : new Set([...current, key])));

  /** A field was edited: the API's verdict on it no longer applies. */
  const edited = (...keys: F[]) =>
    setServerIssues((current) => {
      if (!keys.some((key) => key in current)) return current;
      const next = { ...current };
      for (const key of keys) delete next[key];
      return next;
    });

  const fieldRef = useCallback(
    (key: F) => (element: HTMLElement | null) => {
      if (element) elements.current.set(key, element);
      else elements.current.delete(key);
    },
    [],
  );

  /** Moves focus to the first of `order` with an issue in `found`; whether there was one. */
  const focusFirst = (order: readonly F[], found: Readonly<Partial<Record<F, I>>>): boolean => {
    const first = order.find((key) => found[key] && elements.current.has(key));
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

/** A form's state as `useCheckedForm` returns it (a billing form's, unless told). */
export type CheckedForm<F extends string = FieldKey, I = Issue> = ReturnType<typeof useCheckedForm<F, I>>;

/** The sentence for an issue: the shared message of a validation code (as the API says it), or the form's own. */
export function issueMessage(issue: Issue | undefined, locale: Locale, t: TFunction<'operatorBilling'>): string | undefined {
  if (!issue) return undefined;
  return isLocalIssue(issue) ? t(`issues.${issue}`) : validationMessage(issue, locale);
}
