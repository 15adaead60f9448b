import type { PlanStatus } from '@thidua/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { tagColors } from '../../app/theme';

const colors: Record<PlanStatus, string> = { draft: tagColors.neutral, published: tagColors.active, closed: tagColors.dissolved };

/** Dự thảo / Đã ban hành / Đã kết thúc. */
export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const { t } = useTranslation();
  return <Tag color={colors[status]}>{t(`plans.status.${status}`)}</Tag>;
}
