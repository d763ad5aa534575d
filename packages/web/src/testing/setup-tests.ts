import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// findBy…/waitFor wait up to 5 s (default 1 s): lazy routes and namespaces load asynchronously, and
// a loaded shared machine can take more than a second to get there.
configure({ asyncUtilTimeout: 5000 });

// Every test starts with no saved language choice and a French document.
beforeEach(() => {
  window.localStorage.clear();
  document.documentElement.lang = 'fr';
});

// jsdom does not implement scrolling (react-router's ScrollRestoration calls it).
window.scrollTo = () => undefined;
