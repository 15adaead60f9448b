import { Alert, Breadcrumb, Col, Flex, Row, Skeleton, Tag } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../app/forms';
import { PageHeader } from '../../app/page-header';
import { NotFound } from '../../app/not-found-page';
import { isNotFound, useRecordId } from '../../app/record-id';
import { paths } from '../../app/paths';
import { AwardFormsCard } from './award-forms-card';
import { BandsCard } from './bands-card';
import { ParentChangesAlert } from './cascade';
import { CriteriaEditor } from './criteria-editor';
import { DeadlinesCard } from './deadlines-card';
import { MilestonesCard } from './milestones-card';
import { PlanActions } from './plan-actions';
import { documentNumber } from './plan-format';
import { PlanHeaderCard } from './plan-header-card';
import { PlanStatusTag } from './plan-status-tag';
import { usePlan } from './plans-api';
import { SourcePanel } from './source-panel';
import { useUnsavedGuard } from '../../app/use-unsaved-guard';

type Section = 'header' | 'criteria' | 'milestones' | 'deadlines' | 'awards' | 'bands';

/**
 * /ke-hoach/:id — one plan. A draft is reviewed here after import: its heading, criteria, milestones,
 * deadlines and award forms are corrected beside the source text and its warnings, then published.
 * A published or closed plan reads the same, without the editing.
 */
export default function PlanDetailPage() {
  const { t } = useTranslation();
  const id = useRecordId();
  const query = usePlan(id ?? 0);
  const plan = query.data;
  const [dirty, setDirty] = useState<Record<Section, boolean>>({ header: false, criteria: false, milestones: false, deadlines: false, awards: false, bands: false });
  const [actionError, setActionError] = useState<unknown>(null);
  const [focusLine, setFocusLine] = useState<{ line: number; at: number } | null>(null);

  const mark = useCallback((s: Section, d: boolean) => setDirty((old) => (old[s] === d ? old : { ...old, [s]: d })), []);
  const onDirty = useMemo(
    () => ({
      header: (d: boolean) => mark('header', d),
      criteria: (d: boolean) => mark('criteria', d),
      milestones: (d: boolean) => mark('milestones', d),
      deadlines: (d: boolean) => mark('deadlines', d),
      awards: (d: boolean) => mark('awards', d),
      bands: (d: boolean) => mark('bands', d),
    }),
    [mark],
  );
  const anyDirty = Object.values(dirty).some(Boolean);
  useUnsavedGuard(anyDirty);
  const showLine = useCallback((line: number) => setFocusLine((prev) => ({ line, at: (prev?.at ?? 0) + 1 })), []);

  if (id === null || isNotFound(query.error)) return <NotFound back={{ to: paths.plans, label: t('plans.detail.backToList') }} />;
  if (query.isLoading) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (!plan) return <ErrorAlert error={query.error} />;

  const editable = plan.allowed.includes('edit');
  // A published plan's criteria may still be corrected until assessment freezes them.
  const criteriaEditable = editable || plan.allowed.includes('correctCriteria');
  const hasSource = plan.sourceText !== null || plan.warnings.length > 0;
  const number = documentNumber(plan);

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to={paths.plans}>{t('plans.title')}</Link> }, { title: number || t('plans.list.planNo', { id: plan.id }) }]} />
      <PageHeader
        title={plan.title}
        subtitle={
          <Flex component="span" wrap gap={6} align="center">
            <PlanStatusTag status={plan.status} />
            {number && <span>{number}</span>}
            <span>· {plan.unitName}</span>
            <span>· {plan.movementName}</span>
            <Tag>{t('plans.detail.version', { version: plan.version })}</Tag>
            {plan.supersedesPlanId !== null && <Link to={`${paths.plans}/${plan.supersedesPlanId}`}>{t('plans.detail.previousVersion')}</Link>}
            {plan.parentPlanId !== null && <Link to={`${paths.plans}/${plan.parentPlanId}`}>{t('plans.detail.parent')}</Link>}
          </Flex>
        }
        extra={<PlanActions plan={plan} dirty={anyDirty} onError={setActionError} />}
      />
      {actionError ? <ErrorAlert error={actionError} /> : null}
      {plan.supersededByPlanId !== null && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('plans.detail.superseded')}
          action={<Link to={`${paths.plans}/${plan.supersededByPlanId}`}>{t('plans.detail.openNewer')}</Link>}
        />
      )}
      {editable && plan.sourceFileName && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('plans.detail.reviewHint', { file: plan.sourceFileName })} />
      )}
      {plan.criteriaFrozenAt && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('plans.detail.frozen', { at: formatDateTime(plan.criteriaFrozenAt) })} />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={hasSource ? 14 : 24}>
          <PlanHeaderCard plan={plan} editable={editable} onDirtyChange={onDirty.header} />
          <ParentChangesAlert plan={plan} />
          <CriteriaEditor plan={plan} editable={criteriaEditable} onDirtyChange={onDirty.criteria} onShowLine={hasSource ? showLine : undefined} />
          <MilestonesCard plan={plan} editable={editable} onDirtyChange={onDirty.milestones} />
          <DeadlinesCard plan={plan} editable={editable} onDirtyChange={onDirty.deadlines} />
          <AwardFormsCard plan={plan} editable={editable} onDirtyChange={onDirty.awards} />
          <BandsCard plan={plan} editable={editable} onDirtyChange={onDirty.bands} />
        </Col>
        {hasSource && (
          <Col xs={24} xl={10}>
            <div style={{ position: 'sticky', top: 16 }}>
              <SourcePanel text={plan.sourceText} warnings={plan.warnings} fileName={plan.sourceFileName} focusLine={focusLine} />
            </div>
          </Col>
        )}
      </Row>
    </>
  );
}
