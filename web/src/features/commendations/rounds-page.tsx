import { PlusOutlined, WalletOutlined } from '@ant-design/icons';
import { roundStatusLabels, type OpenRoundBody, type RoundKind, type RoundSummary, type RoundView } from '@thidua/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntdApp, Button, Card, Empty, Flex, Form, Input, Modal, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { appYear } from '../../app/clock';
import { formatDate } from '../../app/format';
import { ErrorAlert, useFormError } from '../../app/forms';
import { useDocumentTitle } from '../../app/hooks';
import { useLabel } from '../../app/i18n';
import { NumberInput, numberRule, yearBounds, type TypedNumber } from '../../app/number-input';
import { PageHeader } from '../../app/page-header';
import { PageSpinner } from '../../app/page-spinner';
import { roundKeys, roundsApi, useRounds } from './commendations-api';
import { roundPaths } from './round-paths';
import { statusColor } from './round-status';

/** /khen-thuong — the rounds of bình xét the user reads, and opening one. */
export default function RoundsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('commendations.title'));
  const q = useRounds();
  const [opening, setOpening] = useState(false);
  if (q.isLoading) return <PageSpinner />;
  const canOpen = (q.data?.canOpenAt.length ?? 0) > 0;
  return (
    <>
      <PageHeader
        title={t('commendations.title')}
        subtitle={t('commendations.subtitle')}
        extra={
          <Flex wrap gap={12} align="center">
            <Link to={roundPaths.fund}>
              <WalletOutlined aria-hidden /> {t('commendations.fund.link')}
            </Link>
            {canOpen && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setOpening(true)}>
                {t('commendations.list.open')}
              </Button>
            )}
          </Flex>
        }
      />
      <ErrorAlert error={q.error} />
      {q.data && q.data.items.length === 0 ? (
        <Card>
          <Empty description={canOpen ? t('commendations.list.emptyOpener') : t('commendations.list.empty')} />
        </Card>
      ) : (
        <Flex vertical gap={12}>
          {q.data?.items.map((r) => <RoundCard key={r.id} r={r} />)}
        </Flex>
      )}
      {opening && q.data && <OpenRoundDialog units={q.data.canOpenAt} onClose={() => setOpening(false)} />}
    </>
  );
}

function RoundCard({ r }: { r: RoundSummary }) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <Card size="small">
      <Flex wrap justify="space-between" align="center" gap={8}>
        <div>
          <Link to={roundPaths.round(r.id)} style={{ fontSize: 16, fontWeight: 600 }}>
            {r.name}
          </Link>
          <div>
            <Typography.Text type="secondary">
              {r.unitName} · {formatDate(r.createdAt.slice(0, 10))} · {t('commendations.list.proposed', { count: r.proposed })}
            </Typography.Text>
          </div>
        </div>
        <Tag color={statusColor[r.status]}>{label(roundStatusLabels[r.status])}</Tag>
      </Flex>
    </Card>
  );
}

interface OpenValues {
  unitId?: number;
  year?: TypedNumber;
  kind: RoundKind;
  name?: string;
  quotaPercent?: TypedNumber;
}

function OpenRoundDialog({ units, onClose }: { units: { id: number; name: string }[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = AntdApp.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<OpenValues>();
  const formError = useFormError(form);
  const thisYear = appYear();
  const open = useMutation({
    mutationFn: (v: OpenValues) => {
      const body: OpenRoundBody = {
        unitId: v.unitId!,
        year: v.year as number,
        kind: v.kind,
        name: v.name ?? null,
        quotaPercent: v.quotaPercent === null || v.quotaPercent === undefined || v.quotaPercent === '' ? null : (v.quotaPercent as number),
      };
      return roundsApi.open(body);
    },
    onSuccess: (r: RoundView) => {
      qc.setQueryData(roundKeys.round(r.id), r);
      void qc.invalidateQueries({ queryKey: roundKeys.all });
      void message.success(t('commendations.open.opened'));
      void navigate(roundPaths.round(r.id));
    },
    onError: (e) => formError.report(e),
  });
  return (
    <Modal open title={t('commendations.open.title')} onCancel={onClose} onOk={() => form.submit()} okText={t('commendations.open.submit')} okButtonProps={{ loading: open.isPending }} cancelText={t('common.cancel')} destroyOnHidden>
      {formError.alert}
      <Form<OpenValues>
        form={form}
        layout="vertical"
        name="open-round"
        initialValues={{ unitId: units.length === 1 ? units[0]!.id : undefined, year: thisYear, kind: 'cong_trang', quotaPercent: 15 }}
        onFinish={(v) => open.mutate(v)}
      >
        <Form.Item label={t('commendations.open.unit')} name="unitId" rules={[{ required: true, message: t('commendations.open.unitRequired') }]}>
          <Select options={units.map((u) => ({ value: u.id, label: u.name }))} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item label={t('commendations.open.year')} name="year" rules={[{ required: true, message: t('commendations.open.yearRequired') }, numberRule(yearBounds(1990, thisYear), t('commendations.open.year'), i18n.language)]}>
          <NumberInput style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('commendations.open.kind')} name="kind">
          <Select
            options={(['cong_trang', 'chuyen_de'] as const).map((k) => ({ value: k, label: t(`commendations.open.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('commendations.open.name')} name="name">
          <Input maxLength={300} placeholder={t('commendations.open.namePlaceholder')} />
        </Form.Item>
        <Form.Item
          label={t('commendations.open.quota')}
          name="quotaPercent"
          extra={t('commendations.open.quotaHelp')}
          rules={[numberRule({ min: 0.01, max: 100, decimals: 2 }, t('commendations.open.quota'), i18n.language)]}
        >
          <NumberInput style={{ width: '100%' }} suffix="%" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
