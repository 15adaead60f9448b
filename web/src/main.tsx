import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/base.css';
import { initI18n } from './app/i18n';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
await initI18n();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
