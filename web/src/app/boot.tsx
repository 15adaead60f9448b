import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';

// The app itself, imported by the entry (main.tsx) once the splash is on the screen.

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
await initI18n();
// The first render as a transition: React then draws in slices of a few milliseconds and lets the
// browser breathe between them, instead of holding a slow phone's main thread for the whole page.
startTransition(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
