import { CheckSquareOutlined, TeamOutlined } from '@ant-design/icons';
import { COMMITMENTS_MAX, permissions, type EmulationTitleCode, type Me, type UnitRoster } from '@thidua/contracts';
import { Alert, App as AntdApp, Button, Card, Col, Flex, Input, Row, Skeleton, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/forms';
import { useDebounced } from '../../app/hooks';
import { SearchInput } from '../../app/search-input';
import { limitCount } from '../../app/text-limit';
import { UnitPicker } from '../org/unit-picker';
import { AppliedPlanCard } from './applied-plan-card';
import { labelStyle, MovementYearPicker } from './movement-year-picker';
import { RegistrationCard, RegistrationStatusTag } from './registration-card';
import { RegistrationForm } from './registration-form';
import { registrationsApi, useMovementOptions, useRegistrationChange, useRoster } from './registrations-api';
import { effectiveChoice, type Selection } from './selection';
import { TitleSelect } from './title-select';

type RosterPerson = UnitRoster['people']['items'][number];

/** The first unit where the account may register others: where an officer starts. */
export function firstUnitWith(me: Me | null | undefined, action: 'registration.write' | 'unit.read'): number | undefined {
  return me?.grants.find((g) => (permissions[action] as readonly string[]).includes(g.role))?.unitId;
}

/** "Đăng ký cho đơn vị": the unit registers as a collective, and its officer registers its people in bulk. */
export function UnitRegistrationTab({ selection, me }: { selection: Selection; me: Me }) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const unitId = selection.unitId ?? firstUnitWith(me, 'registration.write');
  const movements = useMovementOptions(unitId);
  const { movement, year } = effectiveChoice(movements.data?.items, selection.movementId, selection.year);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const roster = useRoster(unitId && movement && year ? { unitId, movementId: movement.id, year, q: q || undefined } : null);
  const [selected, setSelected] = useState<number[]>([]);
  const [bulkTitle, setBulkTitle] = useState<EmulationTitleCode | undefined>('lao_dong_tien_tien');
  const [bulkCommitments, setBulkCommitments] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const bulk = useRegistrationChange(registrationsApi.bulk);
  const create = useRegistrationChange(registrationsApi.create);

  const data = roster.data;
  const people = data?.people.items ?? [];
  const open = people.filter((p) => p.registration?.status !== 'registered');
  const mayWrite = data?.unit.canRegister ?? false;

  const registerSelected = async () => {
    if (!movement || !year || !unitId || !bulkTitle) return;
    setResult(null);
    try {
      const r = await bulk.mutateAsync({
        movementId: movement.id,
        year,
        unitId,
        personIds: selected,
        titleCode: bulkTitle,
        commitments: bulkCommitments.trim() || null,
      });
      setSelected([]);
      setResult(t('registrations.unit.bulkResult', { created: r.created, already: r.alreadyRegistered, outside: r.notInUnit }));
    } catch (e) {
      setResult(null);
      throw e;
    }
  };

  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={10} xl={10}>
          <label htmlFor="registration-unit" style={labelStyle}>
            {t('registrations.pick.unit')}
          </label>
          <UnitPicker
            id="registration-unit"
            aria-label={t('registrations.pick.unit')}
            placeholder={t('registrations.pick.unitPlaceholder')}
            value={unitId ?? null}
            allowClear={false}
            onChange={(v) => {
              setSelected([]);
              setResult(null);
              selection.set({ unitId: v });
            }}
          />
        </Col>
        <MovementYearPicker
          movements={movements.data?.items ?? []}
          loading={movements.isLoading}
          movement={movement}
          year={year}
          onChange={(movementId, y) => {
            setSelected([]);
            selection.set({ movementId, year: y });
          }}
        />
      </Row>
      {!unitId ? (
        <Alert type="info" showIcon title={t('registrations.unit.noUnit')} />
      ) : movements.error ? (
        <ErrorAlert error={movements.error} />
      ) : !movements.isLoading && !movement ? (
        <Alert type="info" showIcon title={t('registrations.pick.noMovement')} />
      ) : roster.error ? (
        <ErrorAlert error={roster.error} />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <>
          <AppliedPlanCard plan={data.plan} subject="collective" />
          {!mayWrite && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('registrations.unit.noRight')} />}
          {data.collective?.status === 'registered' ? (
            <RegistrationCard registration={data.collective} title={`${t('registrations.unit.collective')}: ${data.unit.name}`} />
          ) : data.plan && mayWrite ? (
            <Card size="small" title={`${t('registrations.unit.collective')}: ${data.unit.name}`} style={{ marginBottom: 16 }}>
              <RegistrationForm
                subject="collective"
                titleLabel={t('registrations.unit.collectiveTitle')}
                submitText={t('registrations.unit.registerCollective')}
                onSubmit={async (v) => {
                  await create.mutateAsync({
                    movementId: movement!.id,
                    year: year!,
                    subject: 'collective',
                    unitId,
                    titleCode: v.titleCode,
                    commitments: v.commitments ?? null,
                  });
                  void message.success(t('registrations.form.registered'));
                }}
              />
            </Card>
          ) : null}

          <Card
            size="small"
            title={
              <span>
                <TeamOutlined aria-hidden /> {t('registrations.unit.people')}
              </span>
            }
            extra={<Typography.Text type="secondary">{t('registrations.unit.total', { n: data.people.total })}</Typography.Text>}
          >
            <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
              <Col xs={24} md={12}>
                <SearchInput
                  aria-label={t('common.search')}
                  placeholder={t('registrations.unit.searchPlaceholder')}
                  allowClear
                  value={search}
                  onChange={(e) => setSearch(e.target.value)}
                />
              </Col>
            </Row>
            {mayWrite && data.plan && (
              <BulkBar
                selectedCount={selected.length}
                openCount={open.length}
                onSelectOpen={() => setSelected(open.map((p) => p.personId))}
                title={bulkTitle}
                onTitle={setBulkTitle}
                commitments={bulkCommitments}
                onCommitments={setBulkCommitments}
                pending={bulk.isPending}
                onRegister={registerSelected}
              />
            )}
            {result && <Alert type="success" showIcon role="status" style={{ marginBottom: 12 }} title={result} />}
            <Table<RosterPerson>
              rowKey="personId"
              size="small"
              loading={roster.isFetching}
              dataSource={people}
              pagination={false}
              scroll={{ x: 560 }}
              locale={{ emptyText: t('common.noResults') }}
              rowSelection={
                mayWrite && data.plan
                  ? {
                      selectedRowKeys: selected,
                      onChange: (keys) => setSelected(keys as number[]),
                      getCheckboxProps: (p) => ({
                        disabled: p.registration?.status === 'registered',
                        'aria-label': p.fullName,
                      }),
                    }
                  : undefined
              }
              columns={[
                { title: t('registrations.unit.fullName'), dataIndex: 'fullName', width: 220 },
                { title: t('registrations.unit.position'), dataIndex: 'position', width: 160, render: (v: string | null) => v ?? '—' },
                {
                  title: t('registrations.unit.status'),
                  key: 'status',
                  width: 240,
                  render: (_: unknown, p) => <RegistrationStatusTag registration={p.registration} />,
                },
              ]}
            />
          </Card>
        </>
      )}
    </>
  );
}

function BulkBar(props: {
  selectedCount: number;
  openCount: number;
  onSelectOpen: () => void;
  title: EmulationTitleCode | undefined;
  onTitle: (v: EmulationTitleCode) => void;
  commitments: string;
  onCommitments: (v: string) => void;
  pending: boolean;
  onRegister: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  return (
    <div style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('registrations.unit.selectHint')}
      </Typography.Paragraph>
      {error ? <ErrorAlert error={error} /> : null}
      <Row gutter={[12, 12]} align="bottom">
        <Col xs={24} md={8}>
          <label htmlFor="bulk-title" style={labelStyle}>
            {t('registrations.unit.bulkTitle')}
          </label>
          <TitleSelect id="bulk-title" aria-label={t('registrations.unit.bulkTitle')} subject="individual" value={props.title} onChange={props.onTitle} />
        </Col>
        <Col xs={24} md={16}>
          <label htmlFor="bulk-commitments" style={labelStyle}>
            {t('registrations.unit.bulkCommitments')}
          </label>
          <Input
            id="bulk-commitments"
            value={props.commitments}
            count={limitCount(COMMITMENTS_MAX, i18n.language)}
            status={props.commitments.trim().length > COMMITMENTS_MAX ? 'error' : undefined}
            onChange={(e) => props.onCommitments(e.target.value)}
          />
        </Col>
      </Row>
      <Flex gap={8} wrap style={{ marginTop: 12 }}>
        <Button icon={<CheckSquareOutlined aria-hidden />} disabled={props.openCount === 0} onClick={props.onSelectOpen}>
          {t('registrations.unit.selectOpen', { n: props.openCount })}
        </Button>
        <Button
          type="primary"
          disabled={props.selectedCount === 0 || !props.title}
          loading={props.pending}
          onClick={() => {
            setError(null);
            props.onRegister().catch((e: unknown) => setError(e));
          }}
        >
          {t('registrations.unit.bulkRegister', { n: props.selectedCount })}
        </Button>
      </Flex>
    </div>
  );
}
