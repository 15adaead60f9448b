import { useTranslation } from 'react-i18next';

/** A dependency-free spinner for route loading, so the entry chunk needs no antd Spin. */
export function PageSpinner() {
  const { t } = useTranslation();
  return <div className="page-spinner" role="status" aria-label={t('common.loading')} />;
}
