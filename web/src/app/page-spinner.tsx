import { useTranslation } from 'react-i18next';

/** A dependency-free spinner for route loading, so the entry chunk needs no antd Spin. */
export function PageSpinner() {
  const { t } = useTranslation();
  return <div className="page-spinner" role="status" aria-label={t('common.loading')} />;
}

/**
 * The app's name over a spinner while the first page's code and data arrive. index.html holds the
 * same markup, so that a slow connection shows it at once rather than a blank page; keep the two alike.
 */
export function BootSplash() {
  const { t } = useTranslation();
  return (
    <div className="boot-splash">
      <div className="boot-splash-name">{t('app.name')}</div>
      <PageSpinner />
    </div>
  );
}
