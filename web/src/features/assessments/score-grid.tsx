import { NOTE_MAX, type AssessmentCriterionView, type AssessmentDetail } from '@thidua/contracts';
import { Button, Card, Col, Flex, Input, Radio, Row, Tag, Tooltip } from 'antd';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NumberInput } from '../../app/number-input';
import { limitCount } from '../../app/text-limit';
import { tagColors } from '../../app/theme';
import { formatPoints } from './assessment-tags';
import { columnTotal, effectiveOf, typedPointsOf, valueOf, type Column, type DraftProblems, type Drafts } from './sheet-model';
import { FieldError } from '../../app/editing-notes';
import { capitalise } from '../../app/format';

/** The criteria grouped as in the plan: a card per top-level group, an entry per scored criterion. */
export function ScoreGrid(props: {
  a: AssessmentDetail;
  editable: Column | null;
  drafts: Drafts;
  onChange: (criterionId: number, change: Drafts[number]) => void;
  /** Leaving a field: what was typed is saved without waiting for the pause. */
  onBlur?: () => void;
  /** Why a typed value is refused, by criterion: shown next to its field. */
  problems?: Record<number, DraftProblems>;
  /** The evidence of one criterion, shown under it when asked for. */
  evidence?: (criterionId: number) => ReactNode;
}) {
  const { a } = props;
  const tops = a.criteria.filter((c) => c.parentId === null);
  return (
    <Flex vertical gap={12}>
      {tops.map((top) => (
        <Card
          key={top.id}
          size="small"
          title={
            <Flex wrap justify="space-between" gap={8} style={{ padding: '6px 0' }}>
              <CriterionTitle c={top} />
              {top.leaf ? null : <GroupTotals {...props} group={top} />}
            </Flex>
          }
          styles={{ body: { padding: top.leaf ? 12 : '4px 12px' } }}
        >
          {top.leaf ? <Entry {...props} c={top} showTitle={false} /> : <Children {...props} parentId={top.id} />}
        </Card>
      ))}
    </Flex>
  );
}

function Children(props: Parameters<typeof ScoreGrid>[0] & { parentId: number }) {
  const kids = props.a.criteria.filter((c) => c.parentId === props.parentId);
  return (
    <>
      {kids.map((c) =>
        c.leaf ? (
          <Entry key={c.id} {...props} c={c} showTitle />
        ) : (
          <div key={c.id} style={{ borderTop: '1px solid #f0f0f0', padding: '8px 0 0 12px' }}>
            <Flex justify="space-between" wrap gap={8}>
              <CriterionTitle c={c} />
              <GroupTotals {...props} group={c} />
            </Flex>
            <Children {...props} parentId={c.id} />
          </div>
        ),
      )}
    </>
  );
}

function CriterionTitle({ c }: { c: AssessmentCriterionView }) {
  const { t, i18n } = useTranslation();
  return (
    <span style={{ whiteSpace: 'normal', fontWeight: c.leaf ? 500 : 600 }}>
      {c.code}. {c.text}{' '}
      {c.maxPoints !== null && <span style={{ fontWeight: 400, color: 'rgba(0,0,0,0.65)' }}>({t('assessments.sheet.maxPoints', { n: formatPoints(c.maxPoints, i18n.language) })})</span>}
      {c.isVeto && (
        <Tooltip title={t('assessments.sheet.vetoHelp')}>
          <Tag color={tagColors.danger} style={{ marginLeft: 6 }}>
            {t('assessments.sheet.veto')}
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}

const columnKey = { self: 'columnSelf', review: 'columnReview', council: 'columnCouncil' } as const;

/** A group's sums per visible column, as the plan adds them up. */
function GroupTotals(props: Parameters<typeof ScoreGrid>[0] & { group: AssessmentCriterionView }) {
  const { t, i18n } = useTranslation();
  if (props.group.maxPoints === null && !props.a.criteria.some((c) => c.parentId === props.group.id && c.maxPoints !== null)) return null;
  return (
    <span style={{ fontWeight: 400, whiteSpace: 'normal', color: 'rgba(0,0,0,0.65)' }}>
      {props.a.visibleStages
        .map((s) => `${capitalise(t(`assessments.sheet.${columnKey[s]}`))}: ${formatPoints(columnTotal(props.a, s, props.editable, props.drafts, props.group.id), i18n.language)}`)
        .join(' · ')}
    </span>
  );
}

/** One scored criterion: a column per visible stage (only the editable one takes input), its note, its evidence. */
function Entry(props: Parameters<typeof ScoreGrid>[0] & { c: AssessmentCriterionView; showTitle: boolean }) {
  const { t, i18n } = useTranslation();
  const { a, c, editable, drafts } = props;
  const [showEvidence, setShowEvidence] = useState(false);
  const lang = i18n.language;
  const stageName = (s: Column) => t(`assessments.sheet.${columnKey[s]}`);
  const stageLabel = (s: Column) => capitalise(stageName(s));
  const editing = editable ? valueOf(c, editable, editable, drafts) : null;
  const problem = props.problems?.[c.id];
  const noteErrorId = useId();

  return (
    <div style={{ padding: props.showTitle ? '10px 0' : 0, borderTop: props.showTitle ? '1px solid #f0f0f0' : undefined }}>
      {props.showTitle && (
        <div style={{ marginBottom: 8 }}>
          <CriterionTitle c={c} />
        </div>
      )}
      <Row gutter={[12, 8]} align="middle">
        {a.visibleStages.map((s) => {
          const v = valueOf(c, s, editable, drafts);
          const label = s === editable ? null : stageLabel(s);
          return (
            <Col key={s} xs={24} sm={12} md={8}>
              <Flex align="center" gap={8} wrap>
                <span style={{ minWidth: 96, color: 'rgba(0,0,0,0.65)' }}>{s === editable ? <strong>{stageLabel(s)}</strong> : label}:</span>
                {s === editable ? (
                  c.maxPoints !== null ? (
                    <NumberInput
                      aria-label={t('assessments.sheet.scoreLabel', { stage: stageName(s), code: c.code })}
                      value={typedPointsOf(c, s, drafts)}
                      placeholder={s === 'council' ? formatPoints(effectiveOf(c, 'review', editable, drafts).points, lang) : undefined}
                      onChange={(n) => props.onChange(c.id, { points: n })}
                      onBlur={props.onBlur}
                      error={problem?.points}
                      style={{ width: problem?.points ? 240 : 110, maxWidth: '100%' }}
                    />
                  ) : (
                    <Radio.Group
                      aria-label={t('assessments.sheet.metLabel', { stage: stageName(s), code: c.code })}
                      optionType="button"
                      buttonStyle="solid"
                      value={v.met === null ? undefined : v.met}
                      onChange={(e) => props.onChange(c.id, { met: e.target.value as boolean })}
                      options={[
                        { value: true, label: t('assessments.sheet.met') },
                        { value: false, label: t('assessments.sheet.notMet') },
                      ]}
                    />
                  )
                ) : (
                  <ReadValue c={c} column={s} editable={editable} drafts={drafts} />
                )}
                {s !== editable && v.note ? <span style={{ color: 'rgba(0,0,0,0.65)', fontStyle: 'italic' }}>“{v.note}”</span> : null}
              </Flex>
            </Col>
          );
        })}
      </Row>
      {editable && editing && (
        <div style={{ marginTop: 8 }}>
          <Input.TextArea
            aria-label={t('assessments.sheet.noteLabel', { code: c.code })}
            aria-invalid={problem?.note ? true : undefined}
            aria-describedby={problem?.note ? noteErrorId : undefined}
            placeholder={t('assessments.sheet.note')}
            // Growing with its text means measuring it against the page; an empty note (most of them,
            // on a sheet of dozens) is one line and is not measured until something is written in it.
            autoSize={editing.note ? { minRows: 1, maxRows: 4 } : false}
            rows={1}
            count={limitCount(NOTE_MAX, lang)}
            status={problem?.note ? 'error' : undefined}
            value={editing.note ?? ''}
            onChange={(e) => props.onChange(c.id, { note: e.target.value })}
            onBlur={props.onBlur}
          />
          <FieldError id={noteErrorId} text={problem?.note} style={{ marginTop: 20 }} />
        </div>
      )}
      {props.evidence && (
        <>
          <Button type="link" size="small" style={{ paddingLeft: 0 }} aria-expanded={showEvidence} onClick={() => setShowEvidence((x) => !x)}>
            {t('assessments.sheet.evidence')} ({c.code})
          </Button>
          {showEvidence && <div style={{ marginTop: 4 }}>{props.evidence(c.id)}</div>}
        </>
      )}
    </div>
  );
}

/** A value the actor does not edit; the council's column shows the head's score it keeps, marked so. */
function ReadValue({ c, column, editable, drafts }: { c: AssessmentCriterionView; column: Column; editable: Column | null; drafts: Drafts }) {
  const { t, i18n } = useTranslation();
  const own = valueOf(c, column, editable, drafts);
  const ownGiven = c.maxPoints !== null ? own.points !== null : own.met !== null;
  // The council keeps the head's score where it enters none (as the server does when it finalises).
  const v = ownGiven || column !== 'council' ? own : valueOf(c, 'review', editable, drafts);
  const given = c.maxPoints !== null ? v.points !== null : v.met !== null;
  if (!given) return <span>{t('assessments.sheet.notScored')}</span>;
  const text = c.maxPoints !== null ? formatPoints(v.points, i18n.language) : v.met ? t('assessments.sheet.met') : t('assessments.sheet.notMet');
  return (
    <span>
      {text}
      {!ownGiven && <span style={{ marginLeft: 6, color: 'rgba(0,0,0,0.65)' }}>({t('assessments.sheet.keptReview')})</span>}
    </span>
  );
}
