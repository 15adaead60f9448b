import type { AppliedPlan, CriterionSubject } from '@thidua/contracts';
import { Alert, Collapse, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';

/** The plan that applies (kế hoạch áp dụng): number, title, issuer, and its criteria for the subject, folded. */
export function AppliedPlanCard({ plan, subject }: { plan: AppliedPlan | null | undefined; subject: CriterionSubject }) {
  const { t } = useTranslation();
  if (plan === undefined) return null;
  if (plan === null) return <Alert type="warning" showIcon title={t('registrations.plan.none')} style={{ marginBottom: 16 }} />;
  const criteria = plan.criteria.filter((c) => c.subject === subject);
  const heading = [plan.number, plan.title].filter(Boolean).join(' — ');
  return (
    <section aria-label={t('registrations.plan.applies')} style={{ marginBottom: 16 }}>
      <Typography.Text type="secondary">{t('registrations.plan.applies')}</Typography.Text>
      <Typography.Paragraph strong style={{ margin: '2px 0' }}>
        {heading}
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        {t('registrations.plan.issuedBy', { unit: plan.unitName })}
        {plan.issueDate ? `, ${formatDate(plan.issueDate)}` : ''}
      </Typography.Text>
      {criteria.length > 0 && (
        <Collapse
          size="small"
          style={{ marginTop: 8 }}
          items={[
            {
              key: 'criteria',
              label: t(subject === 'individual' ? 'registrations.plan.criteria' : 'registrations.plan.collectiveCriteria', { n: criteria.length }),
              children: (
                <ul style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }}>
                  {criteria.map((c) => (
                    <li key={c.id} style={{ paddingLeft: c.depth * 16, marginBottom: 4 }}>
                      <strong>{c.code}</strong> {c.text}
                      {c.maxPoints !== null && <Typography.Text type="secondary"> ({t('registrations.plan.points', { n: c.maxPoints })})</Typography.Text>}
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
