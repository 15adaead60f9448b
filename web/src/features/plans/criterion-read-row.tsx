import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { tagColors } from '../../app/theme';
import { CriterionNotes } from './criterion-notes';
import type { TreeRow } from './criteria-tree';

/** One criterion (tiêu chí) of a published or closed plan, as it reads. */
export function CriterionReadRow({ row, onShowLine }: { row: TreeRow; onShowLine?: (line: number) => void }) {
  const { t } = useTranslation();
  const { node, depth, underDropped } = row;
  const dropped = node.droppedReason !== null;
  return (
    <div
      role="listitem"
      aria-label={t('plans.criteria.item', { code: node.code })}
      style={{ padding: '6px 0', paddingInlineStart: Math.min(depth, 5) * 18, borderBottom: '1px solid #f0f0f0', opacity: dropped || underDropped ? 0.7 : 1 }}
    >
      <Flex gap={8} align="baseline" wrap>
        <Typography.Text strong style={{ minWidth: 36 }}>
          {node.code}
        </Typography.Text>
        <span style={{ flex: '1 1 240px', whiteSpace: 'pre-wrap', textDecoration: dropped ? 'line-through' : undefined }}>{node.text}</span>
        {node.maxPoints !== null && <Tag>{t('plans.criteria.pointsTag', { points: node.maxPoints })}</Tag>}
        {node.isVeto && <Tag color={tagColors.danger}>{t('plans.criteria.veto')}</Tag>}
        {dropped && <Tag color={tagColors.dissolved}>{t('plans.criteria.dropped')}</Tag>}
      </Flex>
      <CriterionNotes node={node} onShowLine={onShowLine} />
    </div>
  );
}
