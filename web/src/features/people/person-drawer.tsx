import { EditOutlined, SwapOutlined, TrophyOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { employmentCategoryLabels, genderLabels, type PersonView } from '@thidua/contracts';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Flex, Grid, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import { ErrorAlert } from '../../app/forms';
import { useLabel } from '../../app/i18n';
import { tagColors } from '../../app/theme';
import { peopleApi, personKeys } from './people-api';
import { awardPaths } from '../awards/award-paths';

/** A person's details and assignment history (quá trình công tác). */
export function PersonDrawer({
  personId,
  onClose,
  onEdit,
  onTransfer,
}: {
  personId: number | null;
  onClose: () => void;
  onEdit: (p: PersonView) => void;
  onTransfer: (p: PersonView) => void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: personKeys.detail(personId ?? 0),
    queryFn: () => peopleApi.get(personId!),
    enabled: personId !== null,
  });
  const p = q.data;
  const canWrite = !!p?.allowed.includes('person.write');

  return (
    <Drawer
      open={personId !== null}
      onClose={onClose}
      size={screens.md ? 560 : '100%'}
      title={p?.fullName ?? t('people.detail')}
      closable={{ 'aria-label': t('common.close') }}
    >
      {q.isLoading && <Skeleton active />}
      {q.error ? <ErrorAlert error={q.error} /> : null}
      {p && (
        <>
          <Flex wrap gap={8} style={{ marginBottom: 16 }}>
            {canWrite && (
              <>
                <Button icon={<EditOutlined aria-hidden />} onClick={() => onEdit(p)}>
                  {t('common.edit')}
                </Button>
                <Button icon={<SwapOutlined aria-hidden />} onClick={() => onTransfer(p)} disabled={!p.isActive}>
                  {t('people.transfer')}
                </Button>
              </>
            )}
            <Button
              href={awardPaths.record(p.id)}
              icon={<TrophyOutlined aria-hidden />}
              onClick={(e) => {
                if (e.ctrlKey || e.metaKey || e.shiftKey) return;
                e.preventDefault();
                void navigate(awardPaths.record(p.id));
              }}
            >
              {t('awards.record.open')}
            </Button>
          </Flex>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'name', label: t('people.fullName'), children: p.fullName },
              { key: 'code', label: t('people.code'), children: p.code ?? '—' },
              { key: 'gender', label: t('people.gender'), children: label(genderLabels[p.gender]) },
              { key: 'birth', label: t('people.birthDate'), children: formatDate(p.birthDate) || '—' },
              { key: 'cat', label: t('people.category'), children: label(employmentCategoryLabels[p.category]) },
              { key: 'pos', label: t('people.position'), children: p.position ?? '—' },
              { key: 'unit', label: t('people.unit'), children: p.unitName },
              { key: 'email', label: t('people.email'), children: p.email ?? '—' },
              { key: 'phone', label: t('people.phone'), children: p.phone ?? '—' },
              {
                key: 'status',
                label: t('people.status'),
                children: p.isActive ? (
                  <Tag color={tagColors.active}>{t('people.activeTag')}</Tag>
                ) : (
                  <Tag color={tagColors.dissolved}>{t('people.inactiveTag')}</Tag>
                ),
              },
              { key: 'account', label: t('people.account'), children: p.accountId ? t('people.hasAccount') : t('people.noAccount') },
            ]}
          />
          <Typography.Title level={3} style={{ fontSize: 15, marginTop: 20 }}>
            {t('people.history')}
          </Typography.Title>
          <Table
            size="small"
            rowKey={(a) => `${a.unitId}-${a.startedOn}`}
            dataSource={[...p.assignments].sort((a, b) => b.startedOn.localeCompare(a.startedOn))}
            pagination={false}
            scroll={{ x: 440 }}
            columns={[
              { title: t('people.unit'), dataIndex: 'unitName' },
              { title: t('people.position'), dataIndex: 'position', render: (v: string | null) => v ?? '—' },
              { title: t('people.from'), dataIndex: 'startedOn', width: 110, render: (v: string) => formatDate(v) },
              {
                title: t('people.to'),
                dataIndex: 'endedOn',
                width: 110,
                render: (v: string | null) => (v ? formatDate(v) : <Tag color={tagColors.info}>{t('people.current')}</Tag>),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
