import { emulationTitles, type CriterionSubject, type EmulationTitleCode } from '@thidua/contracts';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../app/i18n';

/** Chooses a title (danh hiệu thi đua) meant for this kind of subject: individual titles for people, collective ones for units. */
export function TitleSelect(props: {
  id?: string;
  'aria-label'?: string;
  subject: CriterionSubject;
  value?: EmulationTitleCode;
  onChange?: (value: EmulationTitleCode) => void;
  style?: React.CSSProperties;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <Select<EmulationTitleCode>
      id={props.id}
      aria-label={props['aria-label']}
      placeholder={t('registrations.form.titleRequired')}
      value={props.value}
      onChange={(v) => props.onChange?.(v)}
      style={{ width: '100%', ...props.style }}
      options={emulationTitles.filter((x) => x.subject === props.subject).map((x) => ({ value: x.code, label: label(x) }))}
    />
  );
}

/** The title's name in the current language. */
export function useTitleName(): (code: EmulationTitleCode) => string {
  const label = useLabel();
  return (code) => label(emulationTitles.find((x) => x.code === code));
}
