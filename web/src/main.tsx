import './app/base.css';

// The entry: the splash (index.html, styled by base.css) is painted first, then the app's code runs.
// Its files are fetched alongside this one (vite.chunks.ts preloads them); evaluating them holds a slow
// phone's main thread for a while, and a repeat visit, whose files come from the cache at once, would
// otherwise show a blank page until that is done.
await afterNextPaint();
await import('./app/boot');

/** Resolves once the browser has painted a frame; at once in a hidden tab, which paints nothing. */
function afterNextPaint(): Promise<void> {
  if (document.visibilityState === 'hidden') return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
