import { EditOutlined, PlusOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import {
  employmentCategories,
  employmentCategoryLabels,
  genderLabels,
  genders,
  type EmploymentCategory,
  type Gender,
  type PersonView,
} from '@thidua/contracts';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntdApp, Button, Card, Checkbox, Col, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../app/format';
import { ErrorAlert } from '../../app/forms';
import { useListParams } from '../../app/hooks';
import { useLabel } from '../../app/i18n';
import { PageHeader } from '../../app/page-header';
import { can, useMe } from '../../app/session';
import { tagColors } from '../../app/theme';
import { UnitPicker } from '../org/unit-picker';
import { peopleApi, personKeys, type PeopleQuery } from './people-api';
import { PersonDrawer } from './person-drawer';
import { PersonFormModal, type PersonFormTarget } from './person-form-modal';
import { TransferModal } from './transfer-modal';
import { SearchInput } from '../../app/search-input';

const ImportWizard = lazy(() => import('../imports/import-wizard').then((m) => ({ default: m.ImportWizard })));

/** /can-bo — people (CBCCVC), searched and filtered on the server. */
export default function PeoplePage() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const { message } = AntdApp.useApp();
  const { params, page, pageSize, search, setSearch, q, update } = useListParams();

  const unitId = Number(params.get('unitId')) || undefined;
  const includeSubunits = params.get('sub') !== '0';
  const category = (params.get('category') as EmploymentCategory | null) ?? undefined;
  const gender = (params.get('gender') as Gender | null) ?? undefined;


  const query: PeopleQuery = { page, pageSize, q: q || undefined, unitId, includeSubunits, category, gender };
  const list = useQuery({
    queryKey: personKeys.list(query),
    queryFn: () => peopleApi.list(query),
    placeholderData: keepPreviousData,
  });

  const [drawerId, setDrawerId] = useState<number | null>(null);
  const [formTarget, setFormTarget] = useState<PersonFormTarget | null>(null);
  const [transferring, setTransferring] = useState<PersonView | null>(null);
  const [importing, setImporting] = useState<'people' | 'records' | null>(null);

  const refresh = () => void qc.invalidateQueries({ queryKey: personKeys.all });
  const canWriteSomewhere = can(me, 'person.write');
  // Past years of the record of achievements (hồ sơ thành tích), from the unit's files.
  const writesRecords = can(me, 'record.write');

  return (
    <>
      <PageHeader
        title={t('people.title')}
        extra={
          canWriteSomewhere || writesRecords ? (
            <>
              {writesRecords && (
                <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting('records')}>
                  {t('people.importRecords')}
                </Button>
              )}
              {canWriteSomewhere && (
                <>
                  <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting('people')}>
                    {t('people.import')}
                  </Button>
                  <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setFormTarget({ mode: 'create', unitId })}>
                    {t('people.create')}
                  </Button>
                </>
              )}
            </>
          ) : null
        }
      />
      <Card>
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          <Col xs={24} md={12} xl={7}>
            <SearchInput
              aria-label={t('common.search')}
              placeholder={t('people.searchPlaceholder')}
              allowClear
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </Col>
          <Col xs={24} md={12} xl={7}>
            <UnitPicker
              aria-label={t('people.unitFilter')}
              placeholder={t('people.unitFilter')}
              value={unitId ?? null}
              onChange={(v) => update({ unitId: v ? String(v) : undefined })}
              includeInactive
            />
            <Checkbox
              checked={includeSubunits}
              disabled={!unitId}
              onChange={(e) => update({ sub: e.target.checked ? undefined : '0' })}
              style={{ marginTop: 4 }}
            >
              {t('people.includeSubunits')}
            </Checkbox>
          </Col>
          <Col xs={12} md={6} xl={5}>
            <Select<EmploymentCategory>
              aria-label={t('people.category')}
              placeholder={t('people.category')}
              allowClear
              style={{ width: '100%' }}
              value={category}
              onChange={(v) => update({ category: v })}
              options={employmentCategories.map((c) => ({ value: c, label: label(employmentCategoryLabels[c]) }))}
            />
          </Col>
          <Col xs={12} md={6} xl={5}>
            <Select<Gender>
              aria-label={t('people.gender')}
              placeholder={t('people.gender')}
              allowClear
              style={{ width: '100%' }}
              value={gender}
              onChange={(v) => update({ gender: v })}
              options={genders.map((g) => ({ value: g, label: label(genderLabels[g]) }))}
            />
          </Col>
        </Row>
        {list.error ? <ErrorAlert error={list.error} /> : null}
        <Table<PersonView>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1500 }}
          locale={{ emptyText: t('common.noResults') }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t(list.data?.totalCapped ? 'people.totalCapped' : 'people.total', { n: formatNumber(total, i18n.language) }),
            onChange: (p, ps) => update({ page: p > 1 ? String(p) : undefined, pageSize: ps !== 20 ? String(ps) : undefined }, false),
          }}
          columns={[
            {
              title: t('people.fullName'),
              dataIndex: 'fullName',
              fixed: 'left',
              width: 200,
              render: (v: string, p) => (
                <Typography.Link
                  href={`#${p.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    setDrawerId(p.id);
                  }}
                >
                  {v}
                </Typography.Link>
              ),
            },
            { title: t('people.code'), dataIndex: 'code', width: 110, render: (v: string | null) => v ?? '—' },
            { title: t('people.gender'), dataIndex: 'gender', width: 90, render: (g: Gender) => label(genderLabels[g]) },
            { title: t('people.birthDate'), dataIndex: 'birthDate', width: 110, render: (v: string | null) => formatDate(v) || '—' },
            {
              title: t('people.category'),
              dataIndex: 'category',
              width: 150,
              render: (c: EmploymentCategory) => label(employmentCategoryLabels[c]),
            },
            { title: t('people.position'), dataIndex: 'position', width: 180, render: (v: string | null) => v ?? '—' },
            { title: t('people.unit'), dataIndex: 'unitName', width: 240 },
            {
              title: t('people.status'),
              dataIndex: 'isActive',
              width: 120,
              render: (a: boolean) =>
                a ? <Tag color={tagColors.active}>{t('people.activeTag')}</Tag> : <Tag color={tagColors.dissolved}>{t('people.inactiveTag')}</Tag>,
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 200,
              render: (_: unknown, p) =>
                p.allowed.includes('person.write') ? (
                  <Space size={4}>
                    <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setFormTarget({ mode: 'edit', person: p })}>
                      {t('common.edit')}
                    </Button>
                    <Button size="small" icon={<SwapOutlined aria-hidden />} disabled={!p.isActive} onClick={() => setTransferring(p)}>
                      {t('people.transfer')}
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      <PersonDrawer
        personId={drawerId}
        onClose={() => setDrawerId(null)}
        onEdit={(p) => setFormTarget({ mode: 'edit', person: p })}
        onTransfer={(p) => setTransferring(p)}
      />
      <PersonFormModal
        target={formTarget}
        onClose={() => setFormTarget(null)}
        onSaved={(p) => {
          void message.success(t('common.saved'));
          qc.setQueryData(personKeys.detail(p.id), p);
          refresh();
        }}
      />
      <TransferModal
        person={transferring}
        onClose={() => setTransferring(null)}
        onDone={(p) => {
          void message.success(t('people.transferred'));
          qc.setQueryData(personKeys.detail(p.id), p);
          refresh();
        }}
      />
      {importing && (
        <Suspense fallback={null}>
          <ImportWizard kind={importing} open onClose={() => setImporting(null)} onImported={refresh} />
        </Suspense>
      )}
    </>
  );
}
