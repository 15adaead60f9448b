import type { PlanDetail } from '@thidua/contracts';
import { App as AntdApp, Card, Empty, Flex, Select, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/forms';
import { plansApi, usePlanChange } from './plans-api';
import { SectionActions } from './section-actions';
import { useSectionDirty } from './use-section-dirty';

/** The award forms (hình thức khen thưởng) plans usually name, offered while typing; others may be typed. */
const USUAL_AWARD_FORMS = [
  'Giấy khen',
  'Bằng khen của Chủ tịch UBND tỉnh',
  'Bằng khen của Bộ trưởng',
  'Bằng khen của Thủ tướng Chính phủ',
  'Cờ thi đua của UBND tỉnh',
  'Cờ thi đua của Chính phủ',
  'Huân chương Lao động hạng Ba',
  'Huân chương Lao động hạng Nhì',
  'Huân chương Lao động hạng Nhất',
];

/** The award forms the plan offers for the movement. */
export function AwardFormsCard({ plan, editable, onDirtyChange }: { plan: PlanDetail; editable: boolean; onDirtyChange: (dirty: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const saved = useMemo(() => plan.awardForms.map((a) => a.name), [plan.awardForms]);
  const signature = JSON.stringify(saved);
  const [value, setValue] = useState(saved);
  const [dirty, setDirty] = useSectionDirty(signature, onDirtyChange);
  useEffect(() => setValue(saved), [signature]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = usePlanChange((names: string[]) => plansApi.update(plan.id, { awardForms: names }));

  if (!editable) {
    return (
      <Card title={t('plans.awards.card')} style={{ marginBottom: 16 }}>
        {saved.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plans.awards.empty')} />
        ) : (
          <Flex wrap gap={6}>
            {saved.map((n) => (
              <Tag key={n}>{n}</Tag>
            ))}
          </Flex>
        )}
      </Card>
    );
  }

  return (
    <Card title={t('plans.awards.card')} style={{ marginBottom: 16 }}>
      {save.error ? <ErrorAlert error={save.error} /> : null}
      <Select<string[]>
        mode="tags"
        aria-label={t('plans.awards.card')}
        placeholder={t('plans.awards.placeholder')}
        value={value}
        onChange={(v) => {
          // Trimmed and without repeats, as the server keeps them.
          setValue([...new Set(v.map((s) => s.trim()).filter(Boolean))]);
          setDirty(true);
        }}
        options={[...new Set([...USUAL_AWARD_FORMS, ...saved])].map((n) => ({ value: n, label: n }))}
        style={{ width: '100%' }}
        tokenSeparators={[';']}
      />
      <SectionActions
        dirty={dirty}
        saving={save.isPending}
        saveLabel={t('plans.awards.save')}
        onSave={() =>
          save.mutate(value, {
            onSuccess: () => {
              setDirty(false);
              void message.success(t('plans.awards.saved'));
            },
          })
        }
        onDiscard={() => {
          setValue(saved);
          save.reset();
          setDirty(false);
        }}
      />
    </Card>
  );
}
