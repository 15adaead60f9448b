import type { ReportStatus } from '@thidua/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<ReportStatus | 'missing', string> = { draft: 'default', submitted: 'processing', returned: 'warning', accepted: 'success', missing: 'error' };

export function ReportStatusTag({ status }: { status: ReportStatus | 'missing' }) {
  const { t } = useTranslation();
  return <Tag color={colors[status]}>{t(`reports.status.${status}`)}</Tag>;
}

/** "Nộp đúng hạn" or "Nộp muộn 3 ngày"; nothing before the report is submitted. */
export function TimelinessTag({ daysLate }: { daysLate: number | null }) {
  const { t } = useTranslation();
  if (daysLate === null) return null;
  return daysLate > 0 ? <Tag color="red">{t('reports.timeliness.late', { n: daysLate })}</Tag> : <Tag color="green">{t('reports.timeliness.onTime')}</Tag>;
}
