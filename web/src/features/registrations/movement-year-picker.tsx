import type { MovementOption } from '@thidua/contracts';
import { Col, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { fold } from '../plans/plan-format';

export const labelStyle = { display: 'block', marginBottom: 4, fontWeight: 500 } as const;

/** The movement (phong trào) and year a registration is for, side by side (stacked on a phone). */
export function MovementYearPicker(props: {
  movements: MovementOption[];
  loading?: boolean;
  movement: MovementOption | undefined;
  year: number | undefined;
  onChange: (movementId: number, year: number | null) => void;
}) {
  const { t } = useTranslation();
  const { movement } = props;
  const years = movement ? Array.from({ length: movement.endYear - movement.startYear + 1 }, (_, i) => movement.startYear + i) : [];
  return (
    <>
      <Col xs={24} md={14} xl={10}>
        <label htmlFor="registration-movement" style={labelStyle}>
          {t('registrations.pick.movement')}
        </label>
        <Select<number>
          id="registration-movement"
          aria-label={t('registrations.pick.movement')}
          placeholder={t('registrations.pick.movementPlaceholder')}
          loading={props.loading}
          value={movement?.id}
          onChange={(v) => props.onChange(v, null)}
          notFoundContent={t('registrations.pick.noMovement')}
          showSearch={{ filterOption: (input, option) => fold(String(option?.label ?? '')).includes(fold(input)) }}
          style={{ width: '100%' }}
          options={props.movements.map((m) => ({ value: m.id, label: `${m.name} (${m.startYear}–${m.endYear})` }))}
        />
      </Col>
      <Col xs={24} sm={12} md={6} xl={4}>
        <label htmlFor="registration-year" style={labelStyle}>
          {t('registrations.pick.year')}
        </label>
        <Select<number>
          id="registration-year"
          aria-label={t('registrations.pick.year')}
          value={props.year}
          disabled={!movement}
          onChange={(v) => movement && props.onChange(movement.id, v)}
          style={{ width: '100%' }}
          options={years.map((y) => ({ value: y, label: String(y) }))}
        />
      </Col>
    </>
  );
}
