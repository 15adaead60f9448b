import type { PlanBand, PlanDetail } from '@thidua/contracts';
import { App as AntdApp, Card, Flex, Input, InputNumber, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/forms';
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
  const problem = problemOf(value.bands, t);
  const en = i18n.language === 'en';

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
                <Input aria-label={t('plans.bands.labelOf', { n: b.index + 1 })} value={b.vi} maxLength={100} onChange={(e) => change(b.index, { vi: e.target.value })} />
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
                <InputNumber
                  aria-label={t('plans.bands.minOf', { label: b.vi })}
                  min={0}
                  max={100}
                  value={b.min}
                  disabled={b.index === value.bands.length - 1}
                  onChange={(n) => change(b.index, { min: typeof n === 'number' ? n : 0 })}
                  addonAfter="%"
                />
              ) : (
                t('plans.bands.from', { min: b.min })
              ),
          },
        ]}
      />
      <Flex align="center" gap={8} wrap style={{ marginTop: 12 }}>
        <span>{t('plans.bands.margin')}</span>
        {editable ? (
          <InputNumber
            aria-label={t('plans.bands.margin')}
            min={0}
            max={100}
            value={value.margin}
            onChange={(n) => {
              setValue((v) => ({ ...v, margin: typeof n === 'number' ? n : 0 }));
              setDirty(true);
            }}
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
            save.reset();
            setDirty(false);
          }}
        />
      ) : null}
    </Card>
  );
}
