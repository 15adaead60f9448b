import { ApartmentOutlined, AuditOutlined, ClusterOutlined, SafetyCertificateOutlined, TeamOutlined, TrophyOutlined, UserOutlined } from '@ant-design/icons';
import { roleLabels } from '@thidua/contracts';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Alert, Card, Col, Row, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/hooks';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { capitalise, formatDate, formatNumber } from '../../app/format';
import { useLabel } from '../../app/i18n';
import { paths } from '../../app/paths';
import { can, readsOrganisation, useMe } from '../../app/session';
import { tagColors } from '../../app/theme';
import type { PeoplePage } from '../../app/types';
import { appNow, appToday } from '../../app/clock';
import { TaskInbox } from '../tasks/task-list';
import { useTasks } from '../tasks/tasks-api';
import { awardPaths } from '../awards/award-paths';


/** / — the person's work (việc cần làm) first; then their roles, a few counts and the way to each feature. */
export default function HomePage() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const { data: me } = useMe();
  // The count of people under one's grants is for those who read the organisation, not a staff member.
  const readsPeople = readsOrganisation(me);
  useDocumentTitle(t('nav.home'));
  const people = useQuery({
    queryKey: ['people', 'count'],
    queryFn: () => api.get<PeoplePage>('/api/people', { page: 1, pageSize: 1 }),
    enabled: readsPeople,
    staleTime: 60_000,
  });
  // What sits below the inbox is drawn once the inbox has its tasks: drawn earlier, it would jump
  // down the screen as the list arrived, under the reader's thumb.
  const inboxSettled = !useTasks().isPending;
  if (!me) return null;

  const hour = (appNow().getUTCHours() + 7) % 24;
  const greeting = hour < 11 ? t('home.morning') : hour < 18 ? t('home.afternoon') : t('home.evening');
  const links: { to: string; icon: ReactNode; title: string; text: string; show: boolean }[] = [
    { to: paths.units, icon: <ApartmentOutlined aria-hidden />, title: t('nav.units'), text: t('home.unitsText'), show: readsPeople },
    { to: paths.blocks, icon: <ClusterOutlined aria-hidden />, title: t('nav.blocks'), text: t('home.blocksText'), show: readsPeople },
    { to: paths.people, icon: <TeamOutlined aria-hidden />, title: t('nav.people'), text: t('home.peopleText'), show: readsPeople },
    { to: paths.accounts, icon: <SafetyCertificateOutlined aria-hidden />, title: t('nav.accounts'), text: t('home.accountsText'), show: can(me, 'role.grant') },
    { to: paths.audit, icon: <AuditOutlined aria-hidden />, title: t('nav.audit'), text: t('home.auditText'), show: can(me, 'audit.read') },
    { to: me.personId ? awardPaths.record(me.personId) : '', icon: <TrophyOutlined aria-hidden />, title: t('awards.record.title'), text: t('home.recordText'), show: me.personId !== null },
    { to: paths.account, icon: <UserOutlined aria-hidden />, title: t('nav.account'), text: t('home.accountText'), show: true },
  ];

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0, marginBottom: 4 }}>
        {greeting}, {me.displayName}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
        {t('home.today', { date: formatDate(appToday()), weekday: capitalise(dayjs(appToday()).format('dddd')) })}
      </Typography.Paragraph>
      {!me.mfaEnabled && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('home.mfaTip')}
          action={<Link to={paths.mfaSetup}>{t('mfa.enable')}</Link>}
        />
      )}
      <TaskInbox />
      {inboxSettled && (
        <>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} lg={14}>
              <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('home.yourGrants')}</h2>}>
                {me.grants.length === 0 ? (
                  <Typography.Text type="secondary">{t('home.noGrants')}</Typography.Text>
                ) : (
                  <ul className="simple-list">
                    {me.grants.map((g) => (
                      <li key={g.id} style={{ justifyContent: 'flex-start' }}>
                        <div>
                          <Tag color={tagColors.info}>{label(roleLabels[g.role])}</Tag>{' '}
                          <strong>{g.unitName}</strong>
                        </div>
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
            </Col>
            {readsPeople && (
              <Col xs={24} lg={10}>
                <Card>
                  <Statistic
                    title={t('home.peopleTotal')}
                    loading={people.isLoading}
                    value={people.data?.total ?? 0}
                    formatter={(v) => (people.error ? '—' : formatNumber(Number(v), i18n.language))}
                  />
                </Card>
              </Col>
            )}
          </Row>
          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
            {t('home.features')}
          </Typography.Title>
          <Row gutter={[16, 16]}>
            {links
              .filter((l) => l.show)
              .map((l) => (
                <Col key={l.to} xs={24} sm={12} xl={8}>
                  <Link to={l.to} style={{ display: 'block', height: '100%' }}>
                    <Card hoverable style={{ height: '100%' }}>
                      <Card.Meta
                        avatar={<span style={{ fontSize: 24, color: '#0b5cad' }} aria-hidden>{l.icon}</span>}
                        title={l.title}
                        description={<span style={{ color: 'rgba(0,0,0,0.7)' }}>{l.text}</span>}
                      />
                    </Card>
                  </Link>
                </Col>
              ))}
          </Row>
        </>
      )}
    </>
  );
}
