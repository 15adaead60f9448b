import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import type { AddFundEntryBody, FundEntryKind, FundEntryView, FundLedger } from '@thidua/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntdApp, Button, Card, Col, DatePicker, Empty, Flex, Form, Grid, Input, Modal, Radio, Row, Select, Statistic, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { appToday, appYear } from '../../app/clock';
import { DATE_FORMAT, formatDate, formatNumber, fromIsoDate, toIsoDate } from '../../app/format';
import { ErrorAlert, useFormError } from '../../app/forms';
import { useDocumentTitle } from '../../app/hooks';
import { NumberInput, numberRule, type TypedNumber } from '../../app/number-input';
import { PageHeader } from '../../app/page-header';
import { PageSpinner } from '../../app/page-spinner';
import { useMe } from '../../app/session';
import { tagColors } from '../../app/theme';
import { roundKeys, roundsApi, useFund } from './commendations-api';
import { roundPaths } from './round-paths';

/** /khen-thuong/quy — a unit's fund for emulation and commendation (quỹ thi đua, khen thưởng) by year. */
export default function FundPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('commendations.fund.title'));
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const units = [...new Map((me?.grants ?? []).map((g) => [g.unitId, g.unitName])).entries()].map(([id, name]) => ({ id, name }));
  const unitId = Number(params.get('dv')) || units[0]?.id;
  const year = Number(params.get('nam')) || appYear();
  const q = useFund(unitId, year);
  const [adding, setAdding] = useState(false);
  const set = (next: { dv?: number; nam?: number }) => setParams({ dv: String(next.dv ?? unitId ?? ''), nam: String(next.nam ?? year) }, { replace: true });
  const money = (n: number) => formatNumber(n, i18n.language, 0);
  const desktop = Grid.useBreakpoint().md ?? true;
  if (!me) return <PageSpinner />;
  const years = Array.from({ length: 6 }, (_, i) => appYear() - i);

  return (
    <>
      <Link to={roundPaths.list}>
        <ArrowLeftOutlined aria-hidden /> {t('commendations.fund.back')}
      </Link>
      <PageHeader
        title={t('commendations.fund.title')}
        subtitle={t('commendations.fund.subtitle')}
        extra={
          q.data?.allowed.includes('write') ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
              {t('commendations.fund.add')}
            </Button>
          ) : null
        }
      />
      <Card size="small">
        <Flex wrap gap={12}>
          <Select aria-label={t('commendations.fund.unit')} style={{ minWidth: 240, maxWidth: '100%' }} value={unitId} options={units.map((u) => ({ value: u.id, label: u.name }))} onChange={(v) => set({ dv: v })} />
          <Select aria-label={t('commendations.fund.year')} style={{ width: 120 }} value={year} options={years.map((y) => ({ value: y, label: String(y) }))} onChange={(v) => set({ nam: v })} />
        </Flex>
      </Card>
      <ErrorAlert error={q.error} style={{ marginTop: 16 }} />
      {q.isLoading && <PageSpinner />}
      {q.data && (
        <>
          <Row gutter={[12, 12]} style={{ marginTop: 16 }}>
            {(
              [
                ['opening', q.data.opening],
                ['income', q.data.income],
                ['payments', q.data.payments],
                ['closing', q.data.closing],
              ] as const
            ).map(([key, value]) => (
              <Col key={key} xs={12} md={6}>
                <Card size="small">
                  <Statistic title={t(`commendations.fund.${key}`)} value={money(value)} suffix="đ" styles={{ content: { fontSize: 20, color: value < 0 ? tagColors.danger : undefined } }} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card size="small" style={{ marginTop: 16 }}>
            {desktop ? (
              <Table<FundEntryView>
                rowKey="id"
                size="small"
                pagination={false}
                scroll={{ x: 640 }}
                dataSource={q.data.entries}
                locale={{ emptyText: t('commendations.fund.empty', { year }) }}
                columns={[
                  { title: t('commendations.fund.date'), dataIndex: 'entryDate', width: 110, render: (d: string) => formatDate(d) },
                  {
                    title: t('commendations.fund.description'),
                    dataIndex: 'description',
                    render: (text: string, e) => (e.roundId ? <Link to={roundPaths.round(e.roundId)}>{text}</Link> : text),
                  },
                  { title: t('commendations.fund.in'), align: 'right', width: 130, render: (_, e) => (e.kind === 'income' ? money(e.amount) : '') },
                  { title: t('commendations.fund.out'), align: 'right', width: 130, render: (_, e) => (e.kind === 'payment' ? money(e.amount) : '') },
                  { title: t('commendations.fund.balance'), align: 'right', width: 140, render: (_, e) => <span style={{ color: e.balance < 0 ? tagColors.danger : undefined }}>{money(e.balance)}</span> },
                ]}
              />
            ) : (
              <FundList entries={q.data.entries} empty={t('commendations.fund.empty', { year })} money={money} />
            )}
          </Card>
        </>
      )}
      {adding && q.data && <FundEntryDialog ledger={q.data} onClose={() => setAdding(false)} />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('commendations.fund.note')}
      </Typography.Paragraph>
    </>
  );
}

/** The ledger on a phone: one line an entry, the amount signed, the balance after it. */
function FundList({ entries, empty, money }: { entries: FundEntryView[]; empty: string; money: (n: number) => string }) {
  const { t } = useTranslation();
  if (entries.length === 0) return <Empty description={empty} />;
  return (
    <ul className="fund-lines" aria-label={t('commendations.fund.title')}>
      {entries.map((e) => (
        <li key={e.id}>
          <Flex justify="space-between" gap={8}>
            <span>
              <Typography.Text type="secondary">{formatDate(e.entryDate)}</Typography.Text>
              <br />
              {e.roundId ? <Link to={roundPaths.round(e.roundId)}>{e.description}</Link> : e.description}
            </span>
            <span style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
              <strong style={{ color: e.kind === 'income' ? tagColors.active : tagColors.danger }}>{`${e.kind === 'income' ? '+' : '−'}${money(e.amount)}`}</strong>
              <br />
              <Typography.Text type="secondary">{t('commendations.fund.balanceAfter', { amount: money(e.balance) })}</Typography.Text>
            </span>
          </Flex>
        </li>
      ))}
    </ul>
  );
}

interface Values {
  entryDate?: Dayjs | null;
  kind: FundEntryKind;
  amount?: TypedNumber;
  description?: string;
}

function FundEntryDialog({ ledger, onClose }: { ledger: FundLedger; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = AntdApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: AddFundEntryBody = { entryDate: toIsoDate(v.entryDate) ?? '', kind: v.kind, amount: v.amount as number, description: v.description ?? '' };
      return roundsApi.addFundEntry(ledger.unitId, body);
    },
    onSuccess: (next) => {
      qc.setQueryData(roundKeys.fund(next.unitId, next.year), next);
      void message.success(t('commendations.fund.saved'));
      onClose();
    },
    onError: (e) => formError.report(e),
  });
  return (
    <Modal open title={t('commendations.fund.add')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} okButtonProps={{ loading: save.isPending }} cancelText={t('common.cancel')} destroyOnHidden>
      {formError.alert}
      <Typography.Paragraph type="secondary">{ledger.unitName}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" name="fund-entry" initialValues={{ kind: 'income', entryDate: fromIsoDate(appToday()) }} onFinish={(v) => save.mutate(v)}>
        <Form.Item label={t('commendations.fund.kind')} name="kind">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'income', label: t('commendations.fund.in') },
              { value: 'payment', label: t('commendations.fund.out') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('commendations.fund.date')} name="entryDate" rules={[{ required: true, message: t('commendations.fund.dateRequired') }]}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          label={t('commendations.fund.amount')}
          name="amount"
          rules={[{ required: true, message: t('commendations.fund.amountRequired') }, numberRule({ min: 1, max: 1_000_000_000_000, decimals: 0 }, t('commendations.fund.amount'), i18n.language)]}
        >
          <NumberInput style={{ width: '100%' }} suffix="đ" />
        </Form.Item>
        <Form.Item label={t('commendations.fund.description')} name="description" rules={[{ required: true, whitespace: true, message: t('commendations.fund.descriptionRequired') }]}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
