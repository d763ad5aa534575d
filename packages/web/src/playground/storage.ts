import type { GraphiQLProps } from 'graphiql';

export type PlaygroundStorage = NonNullable<GraphiQLProps['storage']>;

const PREFIX = 'graphiql:';

/** Stored JSON with every `headers` value replaced by null (the shape GraphiQL expects when it does not persist them). */
function withoutHeaders(value: string): string {
  if (!value.includes('"headers"')) return value;
  try {
    return JSON.stringify(JSON.parse(value), (key, v: unknown) => (key === 'headers' ? null : v));
  } catch {
    return value;
  }
}

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * GraphiQL's storage (tabs, history, favourites) without the request headers: a pasted API token
 * never reaches localStorage, even through the history, which GraphiQL saves with its headers.
 */
export function headerFreeStorage(backing: Storage | null = browserStorage()): PlaygroundStorage {
  const ownKeys = (): string[] => (backing ? Object.keys(backing).filter((key) => key.startsWith(PREFIX)) : []);
  return {
    getItem: (key) => backing?.getItem(key) ?? null,
    setItem: (key, value) => {
      if (!backing || key === `${PREFIX}headers`) return;
      backing.setItem(key, withoutHeaders(value));
    },
    removeItem: (key) => backing?.removeItem(key),
    clear: () => {
      for (const key of ownKeys()) backing?.removeItem(key);
    },
    get length() {
      return ownKeys().length;
    },
  };
}
