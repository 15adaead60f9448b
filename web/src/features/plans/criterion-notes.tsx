import { Button, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { tagColors } from '../../app/theme';
import type { DraftCriterion, TreeProblem } from './criteria-tree';

/** What is worth knowing about a criterion under its text: origin, source line, slips, why it was dropped. */
export function CriterionNotes({
  node,
  problem,
  mismatch,
  onEditReason,
  onShowLine,
}: {
  node: DraftCriterion;
  problem?: TreeProblem;
  mismatch?: number | null;
  onEditReason?: (node: DraftCriterion) => void;
  onShowLine?: (line: number) => void;
}) {
  const { t } = useTranslation();
  const notes = [
    node.originCriterionId !== null && (
      <Tag key="origin" color={tagColors.info}>
        {t('plans.criteria.adopted')}
      </Tag>
    ),
    node.sourceLine !== null && onShowLine && (
      <Button key="line" type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => onShowLine(node.sourceLine!)}>
        {t('plans.criteria.sourceLine', { line: node.sourceLine })}
      </Button>
    ),
    mismatch != null && (
      <Typography.Text key="mismatch" type="warning">
        {t('plans.criteria.mismatch', { sum: mismatch })}
      </Typography.Text>
    ),
    node.droppedReason !== null && (
      <Typography.Text key="dropped">
        {t('plans.criteria.droppedBecause', { reason: node.droppedReason })}
        {onEditReason && (
          <>
            {' '}
            <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => onEditReason(node)}>
              {t('plans.criteria.editReason')}
            </Button>
          </>
        )}
      </Typography.Text>
    ),
    problem && (
      <Typography.Text key="problem" type="danger">
        {t(`plans.criteria.problems.${problem}`)}
      </Typography.Text>
    ),
  ].filter(Boolean);
  if (notes.length === 0) return null;
  return (
    <Flex wrap gap={8} align="center" style={{ marginTop: 4, fontSize: 13 }}>
      {notes}
    </Flex>
  );
}
