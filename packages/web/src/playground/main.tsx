import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import './playground.css';

// GraphiQL and Monaco are loaded after the page header has painted.
const Playground = lazy(() => import('./Playground'));

const container = document.getElementById('root');
if (!container) throw new Error('playground.html must contain <main id="root">');

createRoot(container).render(
  <StrictMode>
    <Suspense fallback={<p className="playground__loading">Chargement de l’éditeur… / Loading the editor…</p>}>
      <Playground />
    </Suspense>
  </StrictMode>,
);
