import '@testing-library/jest-dom';

// Every test starts with no saved language choice and a French document.
beforeEach(() => {
  window.localStorage.clear();
  document.documentElement.lang = 'fr';
});

// jsdom does not implement scrolling (react-router's ScrollRestoration calls it).
window.scrollTo = () => undefined;
