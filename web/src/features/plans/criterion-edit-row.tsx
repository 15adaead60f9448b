import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, StopOutlined, SubnodeOutlined, UndoOutlined } from '@ant-design/icons';
import { criterionLabel } from '@thidua/contracts';
import { Button, Checkbox, Flex, Input, Popconfirm } from 'antd';
import { memo, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { numberError, NumberInput } from '../../app/number-input';
import { CriterionNotes } from './criterion-notes';
import { addChild, addSibling, MAX_POINTS_BOUNDS, move, remove, typedPoints, update, type DraftCriterion, type Tree, type TreeProblem, type TreeRow } from './criteria-tree';

interface Props {
  row: TreeRow;
  problem: TreeProblem | undefined;
  /** The sum of the children's points when it differs from this node's. */
  mismatch: number | null;
  edit: Dispatch<SetStateAction<Tree>>;
  newKey: () => string;
  onDrop: (node: DraftCriterion) => void;
  onShowLine?: (line: number) => void;
}

/**
 * One criterion (tiêu chí) of a draft, edited in place: code, text, max points, veto (điểm liệt),
 * and the buttons that add, move, delete it — or, when it came from the parent plan, drop it with a reason.
 */
function CriterionEditRowImpl({ row, problem, mismatch, edit, newKey, onDrop, onShowLine }: Props) {
  const { t, i18n } = useTranslation();
  const { node, depth, hasChildren, first, last, underDropped } = row;
  const code = node.code.trim();
  const pointsError = numberError(typedPoints(node), MAX_POINTS_BOUNDS, criterionLabel(code), i18n.language);
  const dropped = node.droppedReason !== null;
  const inactive = dropped || underDropped;
  const set = (patch: Parameters<typeof update>[2]) => edit((tree) => update(tree, node.key, patch));
  const adopted = node.originCriterionId !== null;

  return (
    <div
      role="listitem"
      aria-label={t('plans.criteria.item', { code })}
      style={{ padding: '8px 0 8px', paddingInlineStart: Math.min(depth, 5) * 18, borderBottom: '1px solid #f0f0f0', opacity: inactive ? 0.7 : 1 }}
    >
      <Flex gap={8} align="flex-start">
        <Input
          aria-label={t('plans.criteria.code', { code })}
          value={node.code}
          status={problem === 'codeRequired' || problem === 'codeDuplicate' ? 'error' : undefined}
          onChange={(e) => set({ code: e.target.value })}
          disabled={inactive}
          style={{ flex: '0 0 72px' }}
        />
        <Input.TextArea
          aria-label={t('plans.criteria.text', { code })}
          value={node.text}
          status={problem === 'textRequired' ? 'error' : undefined}
          onChange={(e) => set({ text: e.target.value })}
          autoSize={{ minRows: 1, maxRows: 8 }}
          disabled={inactive}
          style={{ flex: 1, minWidth: 0, textDecoration: dropped ? 'line-through' : undefined }}
        />
      </Flex>
      {/* Under the text, aligned with it: the points, the veto flag and the tools. */}
      <Flex wrap gap={8} align="center" style={{ marginTop: 6, paddingInlineStart: 80 }}>
        <NumberInput
          aria-label={t('plans.criteria.points', { code })}
          placeholder={t('plans.criteria.pointsPlaceholder')}
          value={typedPoints(node)}
          onChange={(v) => set(typeof v === 'string' ? { pointsText: v } : { maxPoints: v, pointsText: undefined })}
          error={pointsError}
          disabled={inactive}
          style={{ width: pointsError ? 260 : 100, maxWidth: '100%' }}
        />
        <Checkbox
          aria-label={t('plans.criteria.vetoOf', { code })}
          checked={node.isVeto}
          onChange={(e) => set({ isVeto: e.target.checked })}
          disabled={inactive}
        >
          {t('plans.criteria.veto')}
        </Checkbox>
        <Flex gap={2} wrap>
          <Button
            size="small"
            type="text"
            icon={<SubnodeOutlined aria-hidden />}
            aria-label={t('plans.criteria.addChild', { code })}
            title={t('plans.criteria.addChild', { code })}
            disabled={inactive}
            onClick={() => edit((tree) => addChild(tree, node.key, newKey()))}
          />
          <Button
            size="small"
            type="text"
            icon={<PlusOutlined aria-hidden />}
            aria-label={t('plans.criteria.addSibling', { code })}
            title={t('plans.criteria.addSibling', { code })}
            onClick={() => edit((tree) => addSibling(tree, node.key, newKey()))}
          />
          <Button
            size="small"
            type="text"
            icon={<ArrowUpOutlined aria-hidden />}
            aria-label={t('plans.criteria.moveUp', { code })}
            title={t('plans.criteria.moveUp', { code })}
            disabled={first}
            onClick={() => edit((tree) => move(tree, node.key, -1))}
          />
          <Button
            size="small"
            type="text"
            icon={<ArrowDownOutlined aria-hidden />}
            aria-label={t('plans.criteria.moveDown', { code })}
            title={t('plans.criteria.moveDown', { code })}
            disabled={last}
            onClick={() => edit((tree) => move(tree, node.key, 1))}
          />
          {adopted ? (
            dropped ? (
              <Button
                size="small"
                type="text"
                icon={<UndoOutlined aria-hidden />}
                aria-label={t('plans.criteria.restore', { code })}
                title={t('plans.criteria.restore', { code })}
                onClick={() => set({ droppedReason: null })}
              />
            ) : (
              <Button
                size="small"
                type="text"
                danger
                icon={<StopOutlined aria-hidden />}
                aria-label={t('plans.criteria.drop', { code })}
                title={t('plans.criteria.drop', { code })}
                disabled={underDropped}
                onClick={() => onDrop(node)}
              />
            )
          ) : hasChildren ? (
            <Popconfirm
              title={t('plans.criteria.deleteWithChildren', { code })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              onConfirm={() => edit((tree) => remove(tree, node.key))}
            >
              <Button size="small" type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('plans.criteria.delete', { code })} title={t('plans.criteria.delete', { code })} />
            </Popconfirm>
          ) : (
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined aria-hidden />}
              aria-label={t('plans.criteria.delete', { code })}
              title={t('plans.criteria.delete', { code })}
              onClick={() => edit((tree) => remove(tree, node.key))}
            />
          )}
        </Flex>
      </Flex>
      <div style={{ paddingInlineStart: 80 }}>
        <CriterionNotes node={node} problem={problem} mismatch={mismatch} onEditReason={onDrop} onShowLine={onShowLine} />
      </div>
    </div>
  );
}

export const CriterionEditRow = memo(
  CriterionEditRowImpl,
  (a, b) =>
    a.row.node === b.row.node &&
    a.row.depth === b.row.depth &&
    a.row.hasChildren === b.row.hasChildren &&
    a.row.first === b.row.first &&
    a.row.last === b.row.last &&
    a.row.underDropped === b.row.underDropped &&
    a.problem === b.problem &&
    a.mismatch === b.mismatch &&
    a.onShowLine === b.onShowLine &&
    a.onDrop === b.onDrop,
);
