import { FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import type { RankingEntry } from '@thidua/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Segmented, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/forms';
import { formatNumber } from '../../app/format';
import { can, useMe } from '../../app/session';
import { blocksApi } from '../blocks/blocks-api';
import { rankingExportUrl, useRankings, yearlyResultsUrl, type RankingKey } from './dashboard-api';

export type RankingMode = 'block' | 'unit';

const labelStyle = { display: 'block', marginBottom: 4, fontWeight: 500 } as const;

/** Units of a block, or people of the chosen unit, ranked; with the Excel export of the same list. */
export function Rankings(props: {
  movementId: number;
  year: number;
  unitId: number;
  mode: RankingMode;
  blockId: number | undefined;
  onChange: (changes: { mode?: RankingMode; blockId?: number | null }) => void;
}) {
  const { t, i18n } = useTranslation();
  const fmt = (n: number | null) => (n === null ? '' : formatNumber(n, i18n.language));
  const blocks = useQuery({ queryKey: ['blocks', props.year], queryFn: () => blocksApi.list(props.year), enabled: props.mode === 'block', staleTime: 30_000 });
  const blockOptions = blocks.data?.items ?? [];
  const blockId = blockOptions.find((b) => b.id === props.blockId)?.id ?? blockOptions[0]?.id;
  const key: RankingKey | null =
    props.mode === 'unit'
      ? { movementId: props.movementId, year: props.year, unitId: props.unitId }
      : blockId !== undefined
        ? { movementId: props.movementId, year: props.year, blockId }
        : null;
  const ranking = useRankings(key);
  const people = props.mode === 'unit';
  const { data: me } = useMe();
  // The officials' results one by one are the unit's personnel work (the server checks it again).
  const rates = !!me && (can(me, 'person.write') || can(me, 'assessment.review'));

  const columns: TableColumnsType<RankingEntry> = [
    { key: 'rank', title: t('dashboard.rankings.rank'), width: 64, align: 'center', render: (_, e) => (e.rank === null ? t('dashboard.rankings.unranked') : <strong>{e.rank}</strong>) },
    { key: 'name', title: people ? t('dashboard.rankings.person') : t('dashboard.rankings.unit'), render: (_, e) => (people ? e.personName : e.unitName) },
    ...(people ? [{ key: 'unit', title: t('dashboard.rankings.unit'), responsive: ['md' as const], render: (_: unknown, e: RankingEntry) => e.unitName }] : []),
    { key: 'score', title: t('dashboard.rankings.score'), align: 'right', render: (_, e) => fmt(e.score) },
    { key: 'classification', title: t('dashboard.rankings.classification'), responsive: ['sm'], render: (_, e) => (e.classificationLabel ? (i18n.language.startsWith('en') ? e.classificationLabel.en : e.classificationLabel.vi) : '') },
    {
      key: 'status',
      title: t('dashboard.rankings.status'),
      render: (_, e) =>
        e.stage === null ? (
          <Tag>{t('dashboard.rankings.notAssessed')}</Tag>
        ) : e.provisional ? (
          <Tag color="gold">{t('dashboard.rankings.provisional')}</Tag>
        ) : (
          <Tag color="green">{t('dashboard.rankings.final')}</Tag>
        ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={12} align="end" justify="space-between">
        <Flex wrap gap={12} align="end">
          <Segmented<RankingMode>
            aria-label={t('dashboard.tabs.rankings')}
            value={props.mode}
            onChange={(mode) => props.onChange({ mode })}
            options={[
              { value: 'block', label: t('dashboard.rankings.byBlock') },
              { value: 'unit', label: t('dashboard.rankings.byUnit') },
            ]}
          />
          {props.mode === 'block' && (
            <div style={{ minWidth: 260 }}>
              <label htmlFor="ranking-block" style={labelStyle}>
                {t('dashboard.rankings.block')}
              </label>
              <Select<number>
                id="ranking-block"
                aria-label={t('dashboard.rankings.block')}
                placeholder={t('dashboard.rankings.blockPlaceholder')}
                loading={blocks.isLoading}
                value={blockId}
                onChange={(v) => props.onChange({ blockId: v })}
                notFoundContent={t('dashboard.rankings.noBlock')}
                style={{ width: '100%' }}
                options={blockOptions.map((b) => ({ value: b.id, label: b.name }))}
              />
            </div>
          )}
        </Flex>
        {key && (
          <Flex wrap gap={8}>
            <Button icon={<FileExcelOutlined aria-hidden />} href={rankingExportUrl(key)} download>
              {t('dashboard.exportExcel')}
            </Button>
            {/* For the yearly rating: everyone of the unit, one row a person, as .xlsx or .csv. */}
            {key.unitId !== undefined && rates && (
              <>
                <Button icon={<FileExcelOutlined aria-hidden />} href={yearlyResultsUrl({ movementId: key.movementId, year: key.year, unitId: key.unitId }, 'xlsx')} download>
                  {t('dashboard.rankings.yearlyXlsx')}
                </Button>
                <Button icon={<FileTextOutlined aria-hidden />} href={yearlyResultsUrl({ movementId: key.movementId, year: key.year, unitId: key.unitId }, 'csv')} download>
                  {t('dashboard.rankings.yearlyCsv')}
                </Button>
              </>
            )}
          </Flex>
        )}
      </Flex>
      <Typography.Text type="secondary">{t('dashboard.rankings.hint')}</Typography.Text>
      {props.mode === 'block' && !blocks.isLoading && blockOptions.length === 0 && <Alert type="info" showIcon message={t('dashboard.rankings.noBlock')} />}
      {ranking.error && <ErrorAlert error={ranking.error} />}
      {key && (
        <Table<RankingEntry>
          rowKey={(e) => `${e.unitId}-${e.personId ?? 'u'}`}
          size="small"
          loading={ranking.isFetching}
          columns={columns}
          dataSource={ranking.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: t('dashboard.rankings.empty') }}
          scroll={{ x: 'max-content' }}
        />
      )}
      {ranking.data && ranking.data.total > ranking.data.items.length && (
        <Typography.Text type="secondary">{t('dashboard.rankings.truncated', { shown: fmt(ranking.data.items.length), total: fmt(ranking.data.total) })}</Typography.Text>
      )}
    </Flex>
  );
}
