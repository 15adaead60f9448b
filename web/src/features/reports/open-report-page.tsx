import { Alert } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router';
import { ErrorAlert } from '../../app/forms';
import { NotFound } from '../../app/not-found-page';
import { PageSpinner } from '../../app/page-spinner';
import { isNotFound, recordId } from '../../app/record-id';
import { openBodyOf, parsePeriodKey } from './period';
import { reportPaths } from './report-paths';
import { reportsApi } from './reports-api';

/**
 * /bao-cao/don-vi/:unitId/:templateId/:periodKey — where reminder e-mails point: opens the unit's
 * report for the period (or finds the one already open; the server answers the same report) and
 * goes to it.
 */
export default function OpenReportPage() {
  const { t } = useTranslation();
  const params = useParams();
  const unitId = recordId(params.unitId) ?? 0;
  const templateId = recordId(params.templateId) ?? 0;
  const period = parsePeriodKey(params.periodKey);
  const valid = unitId > 0 && templateId > 0 && period !== null;
  const [state, setState] = useState<{ id: number } | { error: unknown } | null>(null);
  const started = useRef('');

  useEffect(() => {
    const key = `${unitId}/${templateId}/${params.periodKey}`;
    if (!valid || !period || started.current === key) return;
    started.current = key;
    reportsApi.open({ templateId, unitId, ...openBodyOf(period) }).then(
      (r) => setState({ id: r.id }),
      (error: unknown) => setState({ error }),
    );
  }, [valid, period, unitId, templateId, params.periodKey]);

  if (!valid) return <Alert type="error" showIcon title={t('reports.open.badLink')} />;
  if (state && 'id' in state) return <Navigate to={reportPaths.report(state.id)} replace />;
  if (state && 'error' in state && isNotFound(state.error)) return <NotFound back={{ to: reportPaths.list, label: t('reports.editor.back') }} />;
  if (state && 'error' in state) return <ErrorAlert error={state.error} />;
  return <PageSpinner />;
}
