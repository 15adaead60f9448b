import type { CriterionSubject, PlanDetail } from '@thidua/contracts';
import { criterionSubjects } from '@thidua/contracts';
import { Alert, App as AntdApp, Button, Card, Flex, Tabs } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/forms';
import { CriteriaPane } from './criteria-pane';
import { fromView, problems, toInput, update, type DraftCriterion } from './criteria-tree';
import { DropCriterionModal } from './drop-criterion-modal';
import { plansApi, usePlanChange } from './plans-api';

/**
 * The criteria (tiêu chí) of a plan in two tabs, Tập thể and Cá nhân. The tree is edited here and
 * saved whole (PUT /api/plans/:id/criteria) while the plan is a draft, or published but not yet
 * frozen by assessment (correctCriteria); otherwise it is shown read-only.
 */
export function CriteriaEditor({
  plan,
  editable,
  onDirtyChange,
  onShowLine,
}: {
  plan: PlanDetail;
  editable: boolean;
  onDirtyChange: (dirty: boolean) => void;
  onShowLine?: (line: number) => void;
}) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const saved = useMemo(() => fromView(plan.criteria), [plan.criteria]);
  // The tree as saved: when the server answers with another (after a save), editing starts from it.
  const signature = useMemo(() => JSON.stringify(toInput(saved)), [saved]);
  const [tree, setTree] = useState(saved);
  const [subject, setSubject] = useState<CriterionSubject>('collective');
  const [dropping, setDropping] = useState<DraftCriterion | null>(null);
  const counter = useRef(0);
  const newKey = useCallback(() => `new-${++counter.current}`, []);

  useEffect(() => setTree(saved), [signature]); // eslint-disable-line react-hooks/exhaustive-deps
  const dirty = useMemo(() => JSON.stringify(toInput(tree)) !== signature, [tree, signature]);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  const issues = useMemo(() => problems(tree), [tree]);

  const save = usePlanChange(() => plansApi.replaceCriteria(plan.id, { criteria: toInput(tree) }));

  return (
    <Card title={t('plans.criteria.card')} style={{ marginBottom: 16 }}>
      {editable && plan.status !== 'draft' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('plans.criteria.correcting')} />}
      {save.error ? <ErrorAlert error={save.error} /> : null}
      <Tabs
        activeKey={subject}
        onChange={(k) => setSubject(k as CriterionSubject)}
        items={criterionSubjects.map((s) => ({
          key: s,
          label: t('plans.criteria.tab', { subject: t(`plans.subjects.${s}`), count: tree.filter((n) => n.subject === s).length }),
          children: (
            <CriteriaPane tree={tree} subject={s} editable={editable} issues={issues} edit={setTree} newKey={newKey} onDrop={setDropping} onShowLine={onShowLine} />
          ),
        }))}
      />
      {editable && (
        <>
          {issues.size > 0 && <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('plans.criteria.fixFirst', { count: issues.size })} />}
          <Flex gap={8} wrap style={{ marginTop: 12 }}>
            <Button
              type="primary"
              disabled={!dirty || issues.size > 0}
              loading={save.isPending}
              onClick={() => save.mutate(undefined, { onSuccess: () => void message.success(t('plans.criteria.saved')) })}
            >
              {t('plans.criteria.save')}
            </Button>
            <Button disabled={!dirty} onClick={() => setTree(saved)}>
              {t('plans.detail.discard')}
            </Button>
          </Flex>
        </>
      )}
      <DropCriterionModal
        node={dropping}
        onClose={() => setDropping(null)}
        onDrop={(reason) => dropping && setTree((tr) => update(tr, dropping.key, { droppedReason: reason }))}
      />
    </Card>
  );
}
