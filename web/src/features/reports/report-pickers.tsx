import type { ReportPeriodKind, ReportTemplateView } from '@thidua/contracts';
import type { TFunction } from 'i18next';
import { Col, DatePicker, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DATE_FORMAT, toIsoDate } from '../../app/format';
import { UnitPicker } from '../org/unit-picker';
import { fold } from '../plans/plan-format';
import { usePlans } from '../plans/plans-api';
import { defaultPeriodOf, parsePeriodKey, periodKeyOf, periodsPerYear, reportedIndexes, reportsYear, type PeriodChoice } from './period';
import { useReportTemplate, useReportTemplates } from './reports-api';
import type { ReportSelection } from './selection';
import { appYear } from '../../app/clock';

export const labelStyle = { display: 'block', marginBottom: 4, fontWeight: 500 } as const;

/** The template, period and unit the page is about, each resolved to a sensible default. */
export interface ReportChoice {
  template: ReportTemplateView | undefined;
  templates: ReportTemplateView[];
  loading: boolean;
  period: PeriodChoice | undefined;
  periodKey: string | null;
  unitId: number | undefined;
}

export function useReportChoice(selection: ReportSelection, defaultUnitId: number | undefined): ReportChoice {
  const unitId = selection.unitId ?? defaultUnitId;
  // With no plan chosen: the templates of the plans covering the unit (nearest first), then the system's.
  const system = useReportTemplates({ unitId });
  const ofPlan = useReportTemplates({ planId: selection.planId });
  // A template named by a link (the calendar feed) shows even when it belongs to another plan.
  const linked = useReportTemplate(selection.templateId);
  // A chosen plan's templates first, then the system's; the other plans' only without a choice.
  const all = selection.planId ? [...(ofPlan.data?.items ?? []), ...(system.data?.items ?? []).filter((x) => x.planId === null)] : [...(system.data?.items ?? [])];
  if (linked.data && !all.some((x) => x.id === linked.data.id)) all.push(linked.data);
  const templates = all.filter((x) => x.isActive || x.id === selection.templateId);
  const template = templates.find((x) => x.id === selection.templateId) ?? (selection.templateId ? undefined : templates[0]);
  const parsed = parsePeriodKey(selection.periodKey);
  const period = template ? (parsed ?? (template.periodKind === 'custom' ? undefined : defaultPeriodOf(template.periodKind, template.periodIndexes, template))) : undefined;
  return {
    template,
    templates,
    loading: system.isLoading || (!!selection.templateId && linked.isLoading),
    period,
    periodKey: template && period ? periodKeyOf(template.periodKind, period) : null,
    unitId,
  };
}

/** The halves, quarters or months a template reports (`indexes`, null: all), named for a picker. */
export function periodOptions(kind: ReportPeriodKind, indexes: number[] | null, t: TFunction) {
  return reportedIndexes(kind, indexes).map((i) => ({
    value: i,
    label: kind === 'six_months' ? t(i === 1 ? 'reports.periods.h1' : 'reports.periods.h2') : t(kind === 'quarter' ? 'reports.periods.quarter' : 'reports.periods.month', { n: i }),
  }));
}

/** Plan, template, period and unit, side by side (stacked on a phone). */
export function ReportPickers({ selection, choice }: { selection: ReportSelection; choice: ReportChoice }) {
  const { t } = useTranslation();
  const plans = usePlans({ status: 'published' });
  const { template, period } = choice;
  const thisYear = appYear();
  // Next year and six before, within the years the template's plan applies to.
  const years = Array.from({ length: 7 }, (_, i) => thisYear + 1 - i).filter((y) => !template || reportsYear(template, y));
  const setPeriod = (p: PeriodChoice) => template && selection.set({ periodKey: periodKeyOf(template.periodKind, p) });

  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      <Col xs={24} md={12} xl={5}>
        <label htmlFor="report-plan" style={labelStyle}>
          {t('reports.pick.plan')}
        </label>
        <Select<number>
          id="report-plan"
          aria-label={t('reports.pick.plan')}
          allowClear
          placeholder={t('reports.pick.planPlaceholder')}
          loading={plans.isLoading}
          value={selection.planId}
          onChange={(v) => selection.set({ planId: v ?? null, templateId: null, periodKey: null })}
          showSearch={{ filterOption: (input, option) => fold(String(option?.label ?? '')).includes(fold(input)) }}
          style={{ width: '100%' }}
          options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.title} — ${p.unitName}` }))}
        />
      </Col>
      <Col xs={24} md={12} xl={6}>
        <label htmlFor="report-template" style={labelStyle}>
          {t('reports.pick.template')}
        </label>
        <Select<number>
          id="report-template"
          aria-label={t('reports.pick.template')}
          placeholder={t('reports.pick.templatePlaceholder')}
          notFoundContent={t('reports.pick.noTemplate')}
          loading={choice.loading}
          value={template?.id}
          onChange={(v) => selection.set({ templateId: v, periodKey: null })}
          style={{ width: '100%' }}
          options={choice.templates.map((x) => ({ value: x.id, label: x.name }))}
        />
      </Col>
      {template && template.periodKind === 'custom' ? (
        <Col xs={24} md={12} xl={6}>
          <label htmlFor="report-dates" style={labelStyle}>
            {t('reports.pick.dates')}
          </label>
          <DatePicker.RangePicker
            id="report-dates"
            format={DATE_FORMAT}
            style={{ width: '100%' }}
            value={period?.start && period.end ? [dayjs(period.start), dayjs(period.end)] : null}
            onChange={(v) => {
              const [s, e] = [toIsoDate(v?.[0]), toIsoDate(v?.[1])];
              if (s && e) setPeriod({ year: Number(s.slice(0, 4)), index: null, start: s, end: e });
            }}
          />
        </Col>
      ) : (
        <>
          <Col xs={12} md={6} xl={3}>
            <label htmlFor="report-year" style={labelStyle}>
              {t('reports.pick.year')}
            </label>
            <Select<number>
              id="report-year"
              aria-label={t('reports.pick.year')}
              disabled={!template}
              value={period?.year}
              onChange={(y) => period && setPeriod({ ...period, year: y })}
              style={{ width: '100%' }}
              options={(period && !years.includes(period.year) ? [period.year, ...years] : years).map((y) => ({ value: y, label: String(y) }))}
            />
          </Col>
          {template && periodsPerYear(template.periodKind) > 0 && (
            <Col xs={12} md={6} xl={4}>
              <label htmlFor="report-period" style={labelStyle}>
                {t('reports.pick.period')}
              </label>
              <Select<number>
                id="report-period"
                aria-label={t('reports.pick.period')}
                value={period?.index ?? undefined}
                onChange={(i) => period && setPeriod({ ...period, index: i })}
                style={{ width: '100%' }}
                options={periodOptions(template.periodKind, template.periodIndexes, t)}
              />
            </Col>
          )}
        </>
      )}
      <Col xs={24} md={12} xl={6}>
        <label htmlFor="report-unit" style={labelStyle}>
          {t('reports.pick.unit')}
        </label>
        <UnitPicker id="report-unit" aria-label={t('reports.pick.unit')} value={choice.unitId ?? null} allowClear={false} onChange={(v) => selection.set({ unitId: v })} />
      </Col>
    </Row>
  );
}
