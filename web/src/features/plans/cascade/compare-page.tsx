import type { ComparedCriterion, ComparisonRow, CriterionComparedField, CriterionComparisonStatus, CriterionSubject } from '@thidua/contracts';
import { Alert, Breadcrumb, Col, Flex, Grid, Row, Skeleton, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../app/forms';
import { PageHeader } from '../../../app/page-header';
import { NotFound } from '../../../app/not-found-page';
import { isNotFound, useRecordId } from '../../../app/record-id';
import { paths } from '../../../app/paths';
import { Heading, Muted } from '../../../app/text';
import { ComparisonStatusTag, statusStyle } from './cascade-status';
import { documentNumber } from '../plan-format';
import { useComparison } from './cascade-api';

const statuses: CriterionComparisonStatus[] = ['same', 'changed', 'added', 'dropped', 'removed'];
const subjects: CriterionSubject[] = ['collective', 'individual'];

/**
 * /ke-hoach/:id/so-sanh — the plan beside the parent plan it adopts: "Kế hoạch cấp trên" on the
 * left, "Kế hoạch của đơn vị" on the right, each row tagged Giữ nguyên, Sửa đổi (the fields marked),
 * Bổ sung, Bỏ (with the reason) or Không áp dụng. On a phone the two sides stack.
 */
export default function ComparePage() {
  const { t } = useTranslation();
  const id = useRecordId();
  const query = useComparison(id ?? 0);
  const wide = Grid.useBreakpoint().md ?? false;
  const data = query.data;

  if (id === null || isNotFound(query.error)) return <NotFound back={{ to: paths.plans, label: t('plans.detail.backToList') }} />;
  if (query.isLoading) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (!data) return <ErrorAlert error={query.error} />;

  const { plan, parent } = data;
  const planLink = `${paths.plans}/${plan.id}`;
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to={paths.plans}>{t('plans.title')}</Link> },
          { title: <Link to={planLink}>{documentNumber(plan) || t('plans.list.planNo', { id: plan.id })}</Link> },
          { title: t('plans.cascade.compare.crumb') },
        ]}
      />
      <PageHeader
        title={t('plans.cascade.compare.title')}
        subtitle={
          <span>
            {plan.title} · {plan.unitName}
          </span>
        }
        extra={
          <Flex wrap gap={12} align="center">
            <Link to={planLink}>{t('plans.cascade.compare.backToPlan')}</Link>
            {parent && <Link to={`${paths.plans}/${parent.id}`}>{t('plans.cascade.compare.openParent')}</Link>}
          </Flex>
        }
      />
      {!parent && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('plans.cascade.compare.noParent')} />}
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }} aria-label={t('plans.cascade.compare.legend')} role="group">
        {statuses.map((s) => (
          <span key={s}>
            <ComparisonStatusTag status={s} /> {data.counts[s]}
          </span>
        ))}
      </Flex>
      {subjects.map((subject) => (
        <section key={subject} style={{ marginBottom: 24 }}>
          <Heading level={2}>{t(`plans.subjects.${subject}`)}</Heading>
          {data[subject].length === 0 ? (
            <Muted block>{t('plans.cascade.compare.empty', { subject: t(`plans.subjects.${subject}`).toLowerCase() })}</Muted>
          ) : (
            <>
              {wide && (
                <Row gutter={16} style={{ padding: '0 12px 6px 16px', fontWeight: 600 }} aria-hidden>
                  <Col span={12}>{t('plans.cascade.compare.parentColumn')}</Col>
                  <Col span={12}>{t('plans.cascade.compare.ownColumn')}</Col>
                </Row>
              )}
              <ul aria-label={t('plans.cascade.compare.listLabel', { subject: t(`plans.subjects.${subject}`) })} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {data[subject].map((row) => (
                  <CompareRow key={row.key} row={row} wide={wide} />
                ))}
              </ul>
            </>
          )}
        </section>
      ))}
    </>
  );
}

function CompareRow({ row, wide }: { row: ComparisonRow; wide: boolean }) {
  const { t } = useTranslation();
  const style = statusStyle[row.status];
  const indent = Math.min(row.depth, 6) * (wide ? 24 : 12);
  const label = (text: string) => (wide ? null : <div style={{ fontSize: 12, fontWeight: 600, color: 'rgba(0, 0, 0, 0.65)', marginTop: 6 }}>{text}</div>);
  const parentSide = row.parent ? <CriterionText c={row.parent} /> : <Muted>{t('plans.cascade.compare.notInParent')}</Muted>;
  const ownSide = row.own ? (
    <CriterionText c={row.own} marked={row.changed} struck={row.status === 'dropped'} />
  ) : (
    <Muted>{t('plans.cascade.compare.notInOwn')}</Muted>
  );
  return (
    <li
      style={{
        background: style.tint,
        border: `1px solid ${style.edge}`,
        borderLeftWidth: 4,
        borderRadius: 6,
        padding: '8px 12px',
        marginBottom: 6,
      }}
    >
      {!wide && <ComparisonStatusTag status={row.status} />}
      {/* Each side indents by the depth in the tree, so both columns keep their left edge. */}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          {label(t('plans.cascade.compare.parentColumn'))}
          <div style={{ paddingInlineStart: indent }}>{parentSide}</div>
        </Col>
        <Col xs={24} md={12}>
          {label(t('plans.cascade.compare.ownColumn'))}
          <Flex gap={6} align="flex-start">
            {wide && (
              <span style={{ minWidth: 104, flex: 'none' }}>
                <ComparisonStatusTag status={row.status} />
              </span>
            )}
            <div style={{ flex: 1, paddingInlineStart: indent }}>
              {ownSide}
              {row.changed.length > 0 && (
                <div style={{ marginTop: 4 }}>
                  {t('plans.cascade.compare.changedFields', { fields: row.changed.map((f) => t(`plans.cascade.fields.${f}`)).join(', ') })}
                </div>
              )}
              {row.droppedReason && <div style={{ marginTop: 4 }}>{t('plans.cascade.compare.reason', { reason: row.droppedReason })}</div>}
            </div>
          </Flex>
        </Col>
      </Row>
    </li>
  );
}

const highlighted = { background: '#ffe7a3', borderColor: '#d48806', fontWeight: 600 } as const;

/** One side of a row: code, wording, points and the veto mark; changed fields highlighted. */
function CriterionText({ c, marked = [], struck = false }: { c: ComparedCriterion; marked?: CriterionComparedField[]; struck?: boolean }) {
  const { t } = useTranslation();
  const mark = (field: CriterionComparedField, node: ReactNode) =>
    marked.includes(field) ? <mark style={{ background: '#ffe7a3', padding: '0 2px' }}>{node}</mark> : node;
  const body = (
    <>
      {mark('code', <strong>{c.code}</strong>)} {mark('text', c.text)}
    </>
  );
  return (
    <div>
      {struck ? <s>{body}</s> : body}
      {c.maxPoints !== null && (
        <Tag style={{ marginInlineStart: 6, ...(marked.includes('maxPoints') ? highlighted : {}) }}>{t('plans.cascade.compare.points', { points: c.maxPoints })}</Tag>
      )}
      {c.isVeto && (
        <Tag color="#b3261e" style={marked.includes('isVeto') ? { outline: '2px solid #d48806' } : undefined}>
          {t('plans.cascade.fields.isVeto')}
        </Tag>
      )}
    </div>
  );
}
