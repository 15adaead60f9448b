import { App as AntdApp, ConfigProvider } from 'antd';
import en_US from 'antd/locale/en_US';
import vi_VN from 'antd/locale/vi_VN';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { themeFor } from './theme';

/**
 * antd's theme, locale and message/modal context around every page. It is the root route's lazy
 * component so that antd loads in parallel with the first page rather than in the entry chunk.
 */
/** The reader's system asks for less motion (an accessibility setting): antd's animations are then off. */
function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export default function Providers() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? en_US : vi_VN} theme={themeFor(prefersReducedMotion())}>
      <AntdApp>
        <Outlet />
      </AntdApp>
    </ConfigProvider>
  );
}
