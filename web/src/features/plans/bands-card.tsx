import type { PlanBand, PlanDetail } from '@thidua/contracts';
import { App as AntdApp, Card, Flex, Input, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../app/format';
import { ErrorAlert } from '../../app/forms';
import { numberError, NumberInput, shownLabel, type TypedNumber } from '../../app/number-input';
import { lengthError, limitCount } from '../../app/text-limit';
import { plansApi, usePlanChange } from './plans-api';
import { SectionActions } from './section-actions';
import { useSectionDirty } from './use-section-dirty';

interface Settings {
  bands: PlanBand[];
  margin: number;
}

/** What is wrong with the bands before sending them, in the words the server would use; null when fine. */
function problemOf(bands: PlanBand[], t: (k: 'plans.bands.notFalling' | 'plans.bands.lastZero' | 'plans.bands.emptyLabel') => string): string | null {
  if (bands.some((b) => !b.vi.trim())) return t('plans.bands.emptyLabel');
  if (bands.some((b, i) => i > 0 && b.min >= bands[i - 1]!.min)) return t('plans.bands.notFalling');
  if (bands[bands.length - 1]?.min !== 0) return t('plans.bands.lastZero');
  return null;
}

/**
 * The plan's classification bands (xếp loại) — the share of its points (or of criteria met) each
 * level starts from — and the margin above which a self-score is flagged for the council.
 */
export function BandsCard({ plan, editable, onDirtyChange }: { plan: PlanDetail; editable: boolean; onDirtyChange: (dirty: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const { message } = AntdApp.useApp();
  const saved = useMemo<Settings>(() => ({ bands: plan.classificationBands, margin: plan.overscoreMargin }), [plan.classificationBands, plan.overscoreMargin]);
  const signature = JSON.stringify(saved);
  const [value, setValue] = useState<Settings>(saved);
  const [dirty, setDirty] = useSectionDirty(signature, onDirtyChange);
  useEffect(() => setValue(saved), [signature]); // eslint-disable-line react-hooks/exhaustive-deps
  const save = usePlanChange((s: Settings) => plansApi.update(plan.id, { classificationBands: s.bands, overscoreMargin: s.margin }));
  // A figure typed that is not a number ("abc") is kept here, beside the last good one, until corrected.
  const [typed, setTyped] = useState<Record<string, TypedNumber>>({});
  useEffect(() => setTyped({}), [signature]);
  const lang = i18n.language;
  const percent = { min: 0, max: 100, show: (n: number) => ({ vi: formatPercent(n, 'vi', 6), en: formatPercent(n, 'en', 6) }) };
  const fieldErrors = [
    ...value.bands.map((b, i) => numberError(typed[`min${i}`] ?? b.min, percent, shownLabel(t('plans.bands.minOf', { label: b.vi })), lang)),
    ...value.bands.map((b, i) => lengthError(b.vi, 100, shownLabel(t('plans.bands.labelOf', { n: i + 1 })), lang)),
    numberError(typed.margin ?? value.margin, { min: 0, max: 100 }, shownLabel(t('plans.bands.margin')), lang),
  ];
  const problem = fieldErrors.find((e) => e !== null) ?? problemOf(value.bands, t);
  const en = i18n.language === 'en';
  /** A number field's change: the number goes into the settings, anything else stays typed beside it. */
  const typedChange = (key: string, v: TypedNumber, apply: (n: number) => void) => {
    setTyped((x) => {
      const rest = { ...x };
      delete rest[key];
      // A cleared field is kept as blank text: the page says it is required rather than saving 0.
      return typeof v === 'number' ? rest : { ...rest, [key]: v ?? '' };
    });
    if (typeof v === 'number') apply(v);
    setDirty(true);
  };

  const change = (index: number, patch: Partial<PlanBand>) => {
    setValue((v) => ({ ...v, bands: v.bands.map((b, i) => (i === index ? { ...b, ...patch } : b)) }));
    setDirty(true);
  };

  return (
    <Card title={t('plans.bands.card')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('plans.bands.help')}</Typography.Paragraph>
      {save.error ? <ErrorAlert error={save.error} /> : null}
      <Table<PlanBand & { index: number }>
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={value.bands.map((b, index) => ({ ...b, index }))}
        columns={[
          {
            title: t('plans.bands.label'),
            render: (_, b) =>
              editable ? (
                <Input
                  aria-label={t('plans.bands.labelOf', { n: b.index + 1 })}
                  value={b.vi}
                  count={limitCount(100, lang)}
                  onChange={(e) => change(b.index, { vi: e.target.value })}
                />
              ) : en ? (
                b.en
              ) : (
                b.vi
              ),
          },
          {
            title: t('plans.bands.min'),
            width: 160,
            render: (_, b) =>
              editable ? (
                <NumberInput
                  aria-label={t('plans.bands.minOf', { label: b.vi })}
                  value={typed[`min${b.index}`] ?? b.min}
                  disabled={b.index === value.bands.length - 1}
                  onChange={(n) => typedChange(`min${b.index}`, n, (min) => change(b.index, { min }))}
                  error={fieldErrors[b.index]}
                  suffix="%"
                />
              ) : (
                t('plans.bands.from', { min: formatPercent(b.min, lang) })
              ),
          },
        ]}
      />
      <Flex align="center" gap={8} wrap style={{ marginTop: 12 }}>
        <span>{t('plans.bands.margin')}</span>
        {editable ? (
          <NumberInput
            aria-label={t('plans.bands.margin')}
            value={typed.margin ?? value.margin}
            onChange={(n) => typedChange('margin', n, (margin) => setValue((v) => ({ ...v, margin })))}
            error={fieldErrors[fieldErrors.length - 1]}
            style={{ width: 120 }}
          />
        ) : (
          <strong>{value.margin}</strong>
        )}
      </Flex>
      {editable && problem ? <Typography.Paragraph type="danger" role="alert" style={{ marginTop: 8 }}>{problem}</Typography.Paragraph> : null}
      {editable ? (
        <SectionActions
          dirty={dirty}
          blocked={problem !== null}
          saving={save.isPending}
          saveLabel={t('plans.bands.save')}
          onSave={() =>
            save.mutate(value, {
              onSuccess: () => {
                setDirty(false);
                void message.success(t('plans.bands.saved'));
              },
            })
          }
          onDiscard={() => {
            setValue(saved);
            setTyped({});
            save.reset();
            setDirty(false);
          }}
        />
      ) : null}
    </Card>
  );
}
