import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** Shown when a route fails to load (often a stale chunk after an upgrade): offer a reload. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useTranslation();
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : '';
  return (
    <main style={{ maxWidth: 560, margin: '10vh auto', padding: 24, background: '#fff', borderRadius: 8 }}>
      <h1 style={{ fontSize: 22 }}>{t('errors.routeTitle')}</h1>
      <p>{t('errors.routeText')}</p>
      {detail && <pre className="json-block">{detail}</pre>}
      <button type="button" onClick={() => window.location.reload()} style={{ padding: '6px 16px' }}>
        {t('errors.reload')}
      </button>
    </main>
  );
}
