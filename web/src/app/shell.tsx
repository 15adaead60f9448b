import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  CarryOutOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  FormOutlined,
  LogoutOutlined,
  MenuOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Me } from '@thidua/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Drawer, Grid, Layout, Menu, type MenuProps } from 'antd';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { api, errorText } from './api';
import { LanguageSwitch } from './language-switch';
import { PageSpinner } from './page-spinner';
import { paths } from './paths';
import { can, hasSheets, readsOrganisation, setMe, useMe } from './session';
import { Muted } from './text';
import { UnsavedChangesGuard } from './use-unsaved-guard';
import { NotificationBell } from '../features/notifications/notification-bell';
import { useTasks } from '../features/tasks/tasks-api';

// Shown only when the account cannot be read: its illustrations stay out of every page's download.
const Result = lazy(() => import('antd/es/result'));

/** The signed-in frame: header, menu (Sider on desktop, Drawer on phones) and the page. */
export default function Shell() {
  const { data: me, isLoading, error, refetch } = useMe();
  const location = useLocation();
  const { t, i18n } = useTranslation();
  if (isLoading) return <PageSpinner />;
  if (error) {
    return (
      <Suspense fallback={<PageSpinner />}>
        <Result
          status="error"
          title={errorText(error, i18n.language)}
          extra={
            <Button type="primary" onClick={() => void refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      </Suspense>
    );
  }
  if (!me) {
    const here = location.pathname + location.search;
    const next = here === '/' ? '' : `?next=${encodeURIComponent(here)}`;
    return <Navigate to={`${paths.signIn}${next}`} replace />;
  }
  if (me.mfaSetupRequired) return <Navigate to={paths.mfaSetup} replace />;
  return <ShellFrame me={me} />;
}

interface NavItem {
  key: string;
  icon: ReactNode;
  label: string;
  show: boolean;
}

function ShellFrame({ me }: { me: Me }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const desktop = screens.lg ?? true;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const qc = useQueryClient();
  const hasGrant = me.grants.length > 0;
  const reader = readsOrganisation(me);

  const items: NavItem[] = [
    { key: paths.home, icon: <CarryOutOutlined aria-hidden />, label: t('nav.home'), show: true },
    { key: paths.plans, icon: <FileTextOutlined aria-hidden />, label: t('nav.plans'), show: hasGrant },
    { key: paths.registrations, icon: <FormOutlined aria-hidden />, label: t('nav.registrations'), show: hasGrant || me.personId !== null },
    { key: paths.assessments, icon: <CheckSquareOutlined aria-hidden />, label: t('nav.assessments'), show: hasSheets(me) },
    { key: paths.dashboard, icon: <BarChartOutlined aria-hidden />, label: t('nav.dashboard'), show: hasGrant },
    { key: paths.reports, icon: <FileDoneOutlined aria-hidden />, label: t('nav.reports'), show: reader },
    { key: paths.commendations, icon: <TrophyOutlined aria-hidden />, label: t('nav.commendations'), show: reader },
    { key: paths.units, icon: <ApartmentOutlined aria-hidden />, label: t('nav.units'), show: reader },
    { key: paths.blocks, icon: <ClusterOutlined aria-hidden />, label: t('nav.blocks'), show: reader },
    { key: paths.people, icon: <TeamOutlined aria-hidden />, label: t('nav.people'), show: reader },
    { key: paths.accounts, icon: <SafetyCertificateOutlined aria-hidden />, label: t('nav.accounts'), show: can(me, 'role.grant') },
    { key: paths.audit, icon: <AuditOutlined aria-hidden />, label: t('nav.audit'), show: can(me, 'audit.read') },
    { key: paths.account, icon: <UserOutlined aria-hidden />, label: t('nav.account'), show: true },
  ];
  // Badges: how many tasks wait in each part of the menu (việc cần làm), all of them on the home entry.
  const tasks = useTasks();
  const badge = (key: string) => (key === paths.home ? (tasks.data?.items.length ?? 0) : (tasks.data?.counts[key] ?? 0));
  const menuItems: MenuProps['items'] = items
    .filter((i) => i.show)
    .map(({ key, icon, label }) => {
      const n = badge(key);
      return {
        key,
        icon,
        label: n ? (
          <span style={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, width: '100%' }}>
            <span>{label}</span>
            <Badge count={n} overflowCount={99} color={key === paths.home ? '#b3261e' : '#0b5cad'} aria-label={t('tasks.count', { count: n })} />
          </span>
        ) : (
          label
        ),
      };
    });
  const selected =
    items
      .filter((i) => i.key !== '/' && location.pathname.startsWith(i.key))
      .map((i) => i.key)[0] ?? (location.pathname === '/' ? '/' : '');

  const onMenu: MenuProps['onClick'] = ({ key }) => {
    setDrawerOpen(false);
    void navigate(key);
  };

  const signOut = async () => {
    // The session may already be gone: sign out locally whatever the server answers.
    await api.post('/api/auth/sign-out', undefined, { quiet: true }).catch(() => undefined);
    setMe(qc, null);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    void navigate(paths.signIn, { replace: true });
  };

  const unitName = me.grants[0]?.unitName;
  const menu = (
    <Menu mode="inline" selectedKeys={[selected]} items={menuItems} onClick={onMenu} style={{ borderInlineEnd: 0 }} />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <UnsavedChangesGuard />
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          borderBottom: '1px solid #e5e8ec',
          position: 'sticky',
          top: 0,
          zIndex: 10,
          lineHeight: 'normal',
        }}
      >
        {!desktop && (
          <Button type="text" icon={<MenuOutlined aria-hidden />} aria-label={t('nav.openMenu')} onClick={() => setDrawerOpen(true)} />
        )}
        <strong style={{ fontSize: 18, color: '#0b3d73', whiteSpace: 'nowrap' }}>{t('app.short')}</strong>
        {screens.md && unitName && (
          <Muted style={{ maxWidth: 320, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            <span title={unitName}>{unitName}</span>
          </Muted>
        )}
        <div style={{ flex: 1 }} />
        <NotificationBell />
        <Button
          type="text"
          icon={<UserOutlined aria-hidden />}
          onClick={() => void navigate(paths.account)}
          aria-label={screens.sm ? undefined : `${t('nav.account')}: ${me.displayName}`}
          title={me.displayName}
        >
          {screens.sm ? <span style={{ maxWidth: 180, overflow: 'hidden', textOverflow: 'ellipsis' }}>{me.displayName}</span> : null}
        </Button>
        <LanguageSwitch compact={!screens.sm} />
        <Button
          type="text"
          icon={<LogoutOutlined aria-hidden />}
          onClick={() => void signOut()}
          aria-label={screens.sm ? undefined : t('nav.signOut')}
        >
          {screens.sm ? t('nav.signOut') : null}
        </Button>
      </Layout.Header>
      {navigation.state === 'loading' && (
        <div role="progressbar" aria-label={t('common.loading')} style={{ height: 3, background: '#0b5cad', position: 'fixed', top: 0, left: 0, right: 0, zIndex: 20 }} />
      )}
      <Layout>
        {desktop ? (
          <Layout.Sider width={248} style={{ borderInlineEnd: '1px solid #e5e8ec' }}>
            <nav aria-label={t('nav.main')}>{menu}</nav>
          </Layout.Sider>
        ) : (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={272}
            title={t('app.short')}
            styles={{ body: { padding: 0 } }}
          >
            <nav aria-label={t('nav.main')}>{menu}</nav>
          </Drawer>
        )}
        <Layout.Content id="main" tabIndex={-1} style={{ padding: desktop ? 24 : 12, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
