import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/**
 * After a navigation inside the SPA, moves focus to the new page's `h1`, so keyboard and
 * screen-reader users start at the top of the new content and hear its title. The first
 * load keeps the browser's natural focus order (the skip link comes first).
 */
export function RouteFocus() {
  const { pathname } = useLocation();
  const previous = useRef<string | null>(null);
  useEffect(() => {
    if (previous.current === null) {
      previous.current = pathname;
      return;
    }
    if (previous.current === pathname) return;
    previous.current = pathname;
    const heading = document.querySelector<HTMLElement>('main [data-page-title]') ?? document.querySelector<HTMLElement>('main h1');
    if (heading) {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: false });
    } else {
      document.getElementById('main')?.focus();
    }
  }, [pathname]);
  return null;
}
