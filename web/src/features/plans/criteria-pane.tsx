import { OrderedListOutlined, PlusOutlined } from '@ant-design/icons';
import type { CriterionSubject } from '@thidua/contracts';
import { Button, Empty, Flex, Typography } from 'antd';
import { useMemo, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format';
import { CriterionEditRow } from './criterion-edit-row';
import { CriterionReadRow } from './criterion-read-row';
import { addRoot, childrenMismatch, renumber, rowsOf, totalPoints, type DraftCriterion, type Tree, type TreeProblem } from './criteria-tree';

/** The criteria of one subject (tập thể or cá nhân): the total of max points, the tree, and its tools. */
export function CriteriaPane({
  tree,
  subject,
  editable,
  issues,
  edit,
  newKey,
  onDrop,
  onShowLine,
}: {
  tree: Tree;
  subject: CriterionSubject;
  editable: boolean;
  issues: Map<string, TreeProblem>;
  edit: Dispatch<SetStateAction<Tree>>;
  newKey: () => string;
  onDrop: (node: DraftCriterion) => void;
  onShowLine?: (line: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const rows = useMemo(() => rowsOf(tree, subject), [tree, subject]);
  const total = useMemo(() => totalPoints(tree, subject), [tree, subject]);
  const subjectName = t(`plans.subjects.${subject}`);

  return (
    <>
      <Flex wrap gap={8} align="center" justify="space-between" style={{ marginBottom: 8 }}>
        <Typography.Text strong role="status">
          {total === null ? t('plans.criteria.noPoints') : t('plans.criteria.total', { subject: subjectName, points: formatNumber(total, i18n.language) })}
        </Typography.Text>
        {editable && (
          <Flex wrap gap={8}>
            <Button size="small" icon={<OrderedListOutlined aria-hidden />} disabled={rows.length === 0} onClick={() => edit((tr) => renumber(tr, subject))}>
              {t('plans.criteria.renumber')}
            </Button>
            <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => edit((tr) => addRoot(tr, subject, newKey()))}>
              {t('plans.criteria.addRoot')}
            </Button>
          </Flex>
        )}
      </Flex>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plans.criteria.empty', { subject: subjectName })} />
      ) : (
        <div role="list" aria-label={t('plans.criteria.listLabel', { subject: subjectName })}>
          {rows.map((row) =>
            editable ? (
              <CriterionEditRow
                key={row.node.key}
                row={row}
                problem={issues.get(row.node.key)}
                mismatch={childrenMismatch(tree, row.node)}
                edit={edit}
                newKey={newKey}
                onDrop={onDrop}
                onShowLine={onShowLine}
              />
            ) : (
              <CriterionReadRow key={row.node.key} row={row} onShowLine={onShowLine} />
            ),
          )}
        </div>
      )}
    </>
  );
}
