import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { fold } from './plan-format';
import { useMovements } from './plans-api';

/** Chooses a movement (phong trào) among those the user can see. */
export function MovementSelect(props: {
  id?: string;
  'aria-label'?: string;
  placeholder?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  allowClear?: boolean;
}) {
  const { t } = useTranslation();
  const movements = useMovements();
  return (
    <Select<number>
      id={props.id}
      aria-label={props['aria-label']}
      placeholder={props.placeholder ?? t('plans.movements.pick')}
      allowClear={props.allowClear}
      loading={movements.isLoading}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      style={{ width: '100%' }}
      notFoundContent={t('plans.movements.none')}
      showSearch={{ filterOption: (input, option) => fold(String(option?.label ?? '')).includes(fold(input)) }}
      options={(movements.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name} (${m.startYear}–${m.endYear})` }))}
    />
  );
}
