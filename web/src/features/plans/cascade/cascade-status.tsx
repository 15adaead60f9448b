import type { CriterionComparisonStatus, ParentChangeKind } from '@thidua/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { tagColors } from '../../../app/theme';

// How a compared row looks: a tag that says the status in words (colour is never the only sign)
// and a light tint of the row with a stronger edge, readable on a phone in sunlight.

export const statusStyle: Record<CriterionComparisonStatus, { tag: string; tint: string; edge: string }> = {
  same: { tag: tagColors.neutral, tint: '#ffffff', edge: '#d9d9d9' },
  changed: { tag: tagColors.merged, tint: '#fff8e6', edge: '#d48806' },
  added: { tag: tagColors.active, tint: '#f0f9f0', edge: '#1e7b34' },
  dropped: { tag: tagColors.danger, tint: '#fdf0ef', edge: '#b3261e' },
  removed: { tag: tagColors.dissolved, tint: '#f5f5f5', edge: '#8c8c8c' },
};

/** Giữ nguyên / Sửa đổi / Bổ sung / Bỏ / Không áp dụng. */
export function ComparisonStatusTag({ status }: { status: CriterionComparisonStatus }) {
  const { t } = useTranslation();
  return <Tag color={statusStyle[status].tag}>{t(`plans.cascade.status.${status}`)}</Tag>;
}

const kindColor: Record<ParentChangeKind, string> = { added: tagColors.active, changed: tagColors.merged, removed: tagColors.danger };

/** Bổ sung / Sửa đổi / Bãi bỏ: what the parent's newer version did to a criterion. */
export function ChangeKindTag({ kind }: { kind: ParentChangeKind }) {
  const { t } = useTranslation();
  return <Tag color={kindColor[kind]}>{t(`plans.cascade.changeKinds.${kind}`)}</Tag>;
}
