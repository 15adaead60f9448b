import { Layout } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { LanguageSwitch } from './language-switch';
import { Heading, Muted } from './text';

/** The frame of pages reached before signing in: a centred panel with the app's name. */
export default function PublicLayout() {
  const { t } = useTranslation();
  return (
    <Layout style={{ minHeight: '100vh', background: '#eef2f7' }}>
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: 8 }}>
        <LanguageSwitch />
      </div>
      <main style={{ width: '100%', maxWidth: 460, margin: '0 auto', padding: '8px 16px 48px' }}>
        <header style={{ textAlign: 'center', marginBottom: 16 }}>
          <Heading level={1} style={{ fontSize: 26, marginBottom: 4, color: '#0b3d73' }}>
            {t('app.name')}
          </Heading>
          <Muted>{t('app.tagline')}</Muted>
        </header>
        <div style={{ background: '#fff', borderRadius: 8, padding: 24, boxShadow: '0 1px 4px rgba(0,0,0,0.08)' }}>
          <Outlet />
        </div>
      </main>
    </Layout>
  );
}
