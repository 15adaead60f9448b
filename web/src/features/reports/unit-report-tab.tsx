import { FileTextOutlined } from '@ant-design/icons';
import { Alert, App as AntdApp, Button, Card, Descriptions, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../app/api';
import { ErrorAlert } from '../../app/forms';
import { formatDate, formatDateTime } from '../../app/format';
import { openBodyOf } from './period';
import type { ReportChoice } from './report-pickers';
import { reportPaths } from './report-paths';
import { ReportStatusTag, TimelinessTag } from './report-tags';
import { reportsApi, useReportChange, useReportList } from './reports-api';

/** "Báo cáo của đơn vị": the chosen unit's report for the period, opened or continued. */
export function UnitReportTab({ choice }: { choice: ReportChoice }) {
  const { t, i18n } = useTranslation();
  const { message } = AntdApp.useApp();
  const navigate = useNavigate();
  const { template, period, periodKey, unitId } = choice;
  const key = template && periodKey && unitId ? { templateId: template.id, periodKey, unitId } : null;
  const list = useReportList(key);
  const open = useReportChange(() => reportsApi.open({ templateId: template!.id, unitId: unitId!, ...openBodyOf(period!) }));

  if (!key) return <Alert type="info" showIcon title={t('reports.pick.pickAll')} />;
  if (list.error) return <ErrorAlert error={list.error} />;
  if (!list.data) return <Skeleton active />;
  // The list holds the unit's whole subtree; this tab is about the unit's own report.
  const report = list.data.items.find((r) => r.unitId === unitId);
  const start = () =>
    open.mutateAsync(undefined).then(
      (r) => void navigate(reportPaths.report(r.id)),
      (e: unknown) => void message.error(errorText(e, i18n.language)),
    );

  if (!report) {
    return (
      <Card size="small">
        <Flex vertical gap={12} align="start">
          <Typography.Text>{t('reports.unit.none')}</Typography.Text>
          <Button type="primary" icon={<FileTextOutlined aria-hidden />} loading={open.isPending} onClick={() => void start()}>
            {t('reports.unit.open')}
          </Button>
        </Flex>
      </Card>
    );
  }
  const editable = report.allowed.includes('edit') || report.allowed.includes('submit');
  return (
    <Card size="small" title={`${report.templateName} — ${report.periodLabel}`}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'unit', label: t('reports.editor.unit'), children: report.unitName },
          { key: 'status', label: t('reports.editor.childStatus'), children: <ReportStatusTag status={report.status} /> },
          { key: 'due', label: t('reports.editor.due'), children: formatDate(report.dueDate) },
          {
            key: 'sent',
            label: t('reports.editor.submittedAt'),
            children: report.submittedAt ? (
              <>
                {formatDateTime(report.submittedAt)} <TimelinessTag daysLate={report.daysLate} />
              </>
            ) : (
              '—'
            ),
          },
          ...(report.recipientUnitName ? [{ key: 'to', label: t('reports.editor.recipient'), children: report.recipientUnitName }] : []),
          { key: 'changed', label: t('reports.unit.changed'), children: formatDateTime(report.updatedAt) },
        ]}
      />
      <Button type="primary" style={{ marginTop: 12 }} icon={<FileTextOutlined aria-hidden />} onClick={() => void navigate(reportPaths.report(report.id))}>
        {editable ? t('reports.unit.continue') : t('reports.unit.view')}
      </Button>
    </Card>
  );
}
