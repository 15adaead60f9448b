import type { UnitStatus } from '@thidua/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { tagColors } from '../../app/theme';

export function UnitStatusTag({ status }: { status: UnitStatus }) {
  const { t } = useTranslation();
  return <Tag color={tagColors[status]}>{t(`org.status.${status}`)}</Tag>;
}
