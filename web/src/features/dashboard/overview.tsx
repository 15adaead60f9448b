import { FileExcelOutlined } from '@ant-design/icons';
import type { DashboardBlockRow, DashboardFigures, DashboardRow, DashboardView, SubjectFigures } from '@thidua/contracts';
import { Button, Card, Col, Flex, Progress, Row, Table, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../../app/format';
import { bandColor, Donut, Legend, partsText, StackedBar, stageColors, type ChartPart } from './charts';
import { dashboardExportUrl, type DashboardKey } from './dashboard-api';

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

function useFormat() {
  const { i18n } = useTranslation();
  return (n: number) => formatNumber(n, i18n.language);
}

/** Registered of expected as a bar and "x/y"; "Không có" when nobody is expected. */
function RateBar({ s, what }: { s: SubjectFigures; what: string }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const p = percent(s.rate);
  if (p === null) return <Typography.Text type="secondary">{t('dashboard.nothingExpected')}</Typography.Text>;
  return (
    <div style={{ minWidth: 130 }}>
      <Progress percent={p} size="small" format={(v) => formatPercent(v ?? 0, i18n.language)} aria-label={t('dashboard.registration.rateLabel', { what, rate: formatPercent(p, i18n.language) })} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('dashboard.ratio', { registered: fmt(s.registered), expected: fmt(s.expected) })}
      </Typography.Text>
    </div>
  );
}

function stageParts(s: SubjectFigures, t: TFunction): ChartPart[] {
  const assessed = s.assessments.self + s.assessments.review + s.assessments.council + s.assessments.final;
  return [
    { key: 'final', label: t('dashboard.progress.stages.final'), value: s.assessments.final, color: stageColors.final },
    { key: 'council', label: t('dashboard.progress.stages.council'), value: s.assessments.council, color: stageColors.council },
    { key: 'review', label: t('dashboard.progress.stages.review'), value: s.assessments.review, color: stageColors.review },
    { key: 'self', label: t('dashboard.progress.stages.self'), value: s.assessments.self, color: stageColors.self },
    { key: 'notStarted', label: t('dashboard.progress.notStarted'), value: Math.max(0, s.registered - assessed), color: stageColors.notStarted },
  ];
}

function bandParts(view: DashboardView, s: SubjectFigures, lang: string): ChartPart[] {
  return view.bands.map((b, i) => ({ key: b.key, label: lang.startsWith('en') ? b.en : b.vi, value: s.classified[b.key] ?? 0, color: bandColor(b.key, i) }));
}

function RegistrationCard({ view }: { view: DashboardView }) {
  const { t, i18n } = useTranslation();
  const pct = (n: number) => formatPercent(n, i18n.language);
  const fmt = useFormat();
  const { people, units } = view.total;
  const p = percent(people.rate);
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dashboard.registration.title')}</h2>} style={{ height: '100%' }}>
      <Flex align="center" gap={16} wrap>
        <Progress
          type="circle"
          size={120}
          percent={p ?? 0}
          format={() => (p === null ? '—' : pct(p))}
          aria-label={t('dashboard.registration.rateLabel', { what: t('dashboard.people'), rate: p === null ? '—' : pct(p) })}
        />
        <Flex vertical gap={8} style={{ flex: 1, minWidth: 160 }}>
          <Typography.Text>{t('dashboard.registration.people', { registered: fmt(people.registered), expected: fmt(people.expected) })}</Typography.Text>
          <div>
            <Typography.Text>{t('dashboard.registration.units', { registered: fmt(units.registered), expected: fmt(units.expected) })}</Typography.Text>
            <Progress
              percent={percent(units.rate) ?? 0}
              size="small"
              format={(v) => pct(v ?? 0)}
              aria-label={t('dashboard.registration.rateLabel', { what: t('dashboard.units'), rate: pct(percent(units.rate) ?? 0) })}
            />
          </div>
        </Flex>
      </Flex>
    </Card>
  );
}

function ProgressCard({ view }: { view: DashboardView }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const block = (what: string, s: SubjectFigures) => {
    const parts = stageParts(s, t);
    return (
      <div>
        <Typography.Text strong>{what}</Typography.Text>
        <div style={{ marginTop: 6 }}>
          <StackedBar parts={parts} label={t('dashboard.progress.chartLabel', { what, parts: partsText(parts, fmt) })} />
        </div>
        <Legend parts={parts} format={fmt} />
      </div>
    );
  };
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dashboard.progress.title')}</h2>} style={{ height: '100%' }}>
      <Flex vertical gap={16}>
        {block(t('dashboard.progress.people'), view.total.people)}
        {block(t('dashboard.progress.units'), view.total.units)}
      </Flex>
    </Card>
  );
}

function ClassificationCard({ view }: { view: DashboardView }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const parts = bandParts(view, view.total.people, i18n.language);
  const classified = parts.reduce((s, p) => s + p.value, 0);
  const collective = bandParts(view, view.total.units, i18n.language).filter((p) => p.value > 0);
  const overscored = view.total.people.overscored + view.total.units.overscored;
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dashboard.classification.title')}</h2>} style={{ height: '100%' }}>
      <Typography.Text type="secondary">{t('dashboard.classification.subtitle')}</Typography.Text>
      {classified === 0 ? (
        <Typography.Paragraph style={{ marginTop: 12 }}>{t('dashboard.classification.none')}</Typography.Paragraph>
      ) : (
        <Flex align="center" gap={16} wrap style={{ marginTop: 8 }}>
          <Donut parts={parts} center={fmt(classified)} label={t('dashboard.classification.chartLabel', { parts: partsText(parts, fmt) })} />
          <div style={{ flex: 1, minWidth: 140 }}>
            <Legend parts={parts} format={fmt} />
          </div>
        </Flex>
      )}
      {collective.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('dashboard.classification.collective', { parts: partsText(collective, fmt) })}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph style={{ margin: '8px 0 0' }}>{t('dashboard.classification.overscored', { n: fmt(overscored) })}</Typography.Paragraph>
    </Card>
  );
}

/** Columns shared by the sub-unit and block tables; the phone keeps the name, the people's rate and progress. */
function figureColumns<T extends DashboardFigures>(view: DashboardView, t: TFunction, fmt: (n: number) => string, lang: string): TableColumnsType<T> {
  return [
    { key: 'people', title: t('dashboard.table.people'), render: (_, r) => <RateBar s={r.people} what={t('dashboard.people')} /> },
    { key: 'units', title: t('dashboard.table.units'), responsive: ['md'], render: (_, r) => <RateBar s={r.units} what={t('dashboard.units')} /> },
    {
      key: 'final',
      title: t('dashboard.table.final'),
      align: 'right',
      render: (_, r) => {
        const a = r.people.assessments;
        return `${fmt(a.final)}/${fmt(a.self + a.review + a.council + a.final)}`;
      },
    },
    ...view.bands.map((b) => ({
      key: `band-${b.key}`,
      title: lang.startsWith('en') ? b.en : b.vi,
      align: 'right' as const,
      responsive: ['lg' as const],
      render: (_: unknown, r: T) => fmt(r.people.classified[b.key] ?? 0),
    })),
    { key: 'over', title: t('dashboard.table.overscored'), align: 'right', responsive: ['lg'], render: (_, r) => fmt(r.people.overscored + r.units.overscored) },
  ];
}

export function Overview({ view, k, extra }: { view: DashboardView; k: DashboardKey; extra?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const childColumns: TableColumnsType<DashboardRow> = [
    { key: 'name', title: t('dashboard.table.unit'), fixed: 'left', render: (_, r) => (r.own ? t('dashboard.table.own', { name: r.unitName }) : r.unitName) },
    ...figureColumns<DashboardRow>(view, t, fmt, i18n.language),
  ];
  const blockColumns: TableColumnsType<DashboardBlockRow> = [
    {
      key: 'name',
      title: t('dashboard.table.block'),
      fixed: 'left',
      render: (_, r) => (
        <>
          {r.blockName}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('dashboard.table.members', { n: r.memberCount })}
          </Typography.Text>
        </>
      ),
    },
    ...figureColumns<DashboardBlockRow>(view, t, fmt, i18n.language),
  ];
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <RegistrationCard view={view} />
        </Col>
        <Col xs={24} lg={8}>
          <ProgressCard view={view} />
        </Col>
        <Col xs={24} lg={8}>
          <ClassificationCard view={view} />
        </Col>
      </Row>
      <Card
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dashboard.table.children')}</h2>}
        extra={
          <Flex gap={8} wrap>
            {extra}
            <Button icon={<FileExcelOutlined aria-hidden />} href={dashboardExportUrl(k)} download>
              {t('dashboard.exportExcel')}
            </Button>
          </Flex>
        }
      >
        <Table<DashboardRow> rowKey="unitId" size="small" columns={childColumns} dataSource={view.children} pagination={false} scroll={{ x: 'max-content' }} />
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dashboard.table.blocks')}</h2>}>
        {view.blocks.length === 0 ? (
          <Typography.Text type="secondary">{t('dashboard.table.noBlocks')}</Typography.Text>
        ) : (
          <Table<DashboardBlockRow> rowKey="blockId" size="small" columns={blockColumns} dataSource={view.blocks} pagination={false} scroll={{ x: 'max-content' }} />
        )}
      </Card>
    </Flex>
  );
}
