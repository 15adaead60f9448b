import type { AssessmentStage, AssessmentSummary } from '@thidua/contracts';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format';
import { tagColors } from '../../app/theme';

const stageColor: Record<AssessmentStage, string> = {
  self: tagColors.neutral,
  review: tagColors.info,
  council: tagColors.merged,
  final: tagColors.active,
};

/** The step an assessment is at (tự đánh giá, thủ trưởng chấm, Hội đồng xét, đã hoàn tất). */
export function StageTag({ stage }: { stage: AssessmentStage }) {
  const { t } = useTranslation();
  return <Tag color={stageColor[stage]}>{t(`assessments.stage.${stage}`)}</Tag>;
}

/** The classification (xếp loại) in the user's language; red when a cap lowered it, with the reason on hover. */
export function ClassificationTag({ a }: { a: Pick<AssessmentSummary, 'classification' | 'classificationLabel' | 'cappedBy' | 'capReason'> }) {
  const { i18n } = useTranslation();
  if (!a.classification || !a.classificationLabel) return <>—</>;
  const text = i18n.language === 'en' ? a.classificationLabel.en : a.classificationLabel.vi;
  const tag = <Tag color={a.cappedBy ? tagColors.danger : tagColors.active}>{text}</Tag>;
  return a.capReason ? <Tooltip title={a.capReason}>{tag}</Tooltip> : tag;
}

/** Points as Vietnamese write them (8,5), or a dash when none. */
export function formatPoints(n: number | null | undefined, lang: string): string {
  if (n === null || n === undefined) return '—';
  return formatNumber(n, lang, 2);
}
