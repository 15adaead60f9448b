import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { awards, type AwardCode, type EligibilityView } from '@thidua/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Form, Row, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { appToday } from '../../app/clock';
import { DATE_FORMAT, formatDate, formatNumber, fromIsoDate, toIsoDate } from '../../app/format';
import { ErrorAlert } from '../../app/forms';
import { useLabel } from '../../app/i18n';
import { NumberInput, numberRule, type TypedNumber, yearBounds } from '../../app/number-input';
import { tagColors } from '../../app/theme';
import { awardsApi, recordKeys } from './awards-api';

interface Values {
  award: AwardCode;
  year: TypedNumber;
  proposedOn: Dayjs | null;
}

/** Xét điều kiện: one award for one year, judged on the record below by the rule in force on the proposal's date. */
export function EligibilityCard({ personId }: { personId: number }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const today = appToday();
  const [asked, setAsked] = useState<{ award: AwardCode; year: number; proposedOn?: string } | null>(null);
  const q = useQuery({
    queryKey: [...recordKeys.eligibility(personId), asked],
    queryFn: () => awardsApi.eligibility(personId, asked!),
    enabled: asked !== null,
  });

  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('awards.eligibility.title')}</h2>}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('awards.eligibility.intro')}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        name="eligibility"
        initialValues={{ year: Number(today.slice(0, 4)), proposedOn: fromIsoDate(today) }}
        onFinish={(v) => setAsked({ award: v.award, year: v.year as number, proposedOn: toIsoDate(v.proposedOn) })}
      >
        <Row gutter={12} align="bottom">
          <Col xs={24} md={10}>
            <Form.Item label={t('awards.eligibility.award')} name="award" rules={[{ required: true, message: t('awards.record.awardRequired') }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={awards.filter((a) => (a.subjects as readonly string[]).includes('individual')).map((a) => ({ value: a.code, label: label(a) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label={t('awards.eligibility.year')} name="year" rules={[{ required: true, message: t('awards.record.yearRequired') }, numberRule(yearBounds(), t('awards.eligibility.year'), i18n.language)]}>
              <NumberInput style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item label={t('awards.eligibility.proposedOn')} name="proposedOn">
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder={t('common.datePlaceholder')} allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={5}>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={q.isFetching} block>
                {t('awards.eligibility.check')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {q.error ? <ErrorAlert error={q.error} /> : null}
      {q.data && <Answer r={q.data} />}
    </Card>
  );
}

function Answer({ r }: { r: EligibilityView }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <section aria-live="polite" aria-label={t('awards.eligibility.title')}>
      <Alert
        type={r.eligible ? 'success' : 'warning'}
        showIcon
        title={`${r.awardName}, ${r.year}: ${r.eligible ? t('awards.eligibility.eligible') : t('awards.eligibility.notEligible')}`}
        description={t('awards.eligibility.basis', { citation: r.rule.citation, from: formatDate(r.rule.effectiveFrom) })}
      />
      <ul className="eligibility-conditions">
        {r.conditions.map((c, i) => (
          <li key={i}>
            {c.met ? (
              <CheckCircleFilled style={{ color: tagColors.active }} aria-label={t('awards.eligibility.met')} />
            ) : (
              <CloseCircleFilled style={{ color: tagColors.danger }} aria-label={t('awards.eligibility.notMet')} />
            )}
            <div>
              <div style={{ fontWeight: 500 }}>{c.text}</div>
              <div>{c.fact}</div>
              {c.citation && (
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {c.citation}
                  {c.sure && c.sure !== 'ok' && (
                    <Tag style={{ marginLeft: 6 }} color={tagColors.neutral}>
                      {t(`awards.eligibility.sure.${c.sure}`)}
                    </Tag>
                  )}
                </Typography.Text>
              )}
            </div>
          </li>
        ))}
      </ul>
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        {t('awards.eligibility.bonus', { coefficient: n(r.bonus.coefficient), base: n(r.bonus.baseSalary), date: formatDate(r.bonus.decidedOn), amount: n(r.bonus.amount) })}
        <br />
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('awards.eligibility.bonusNote', { citation: r.bonus.citation })}
        </Typography.Text>
      </Typography.Paragraph>
    </section>
  );
}
