import { ApartmentOutlined, DiffOutlined } from '@ant-design/icons';
import { permissions, type PlanDetail } from '@thidua/contracts';
import { App as AntdApp, Button, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../../app/api';
import { useFormError } from '../../../app/forms';
import { paths } from '../../../app/paths';
import { useMe } from '../../../app/session';
import { UnitPicker } from '../../org/unit-picker';
import { useAdopt } from './cascade-api';

/**
 * The cascade's buttons in a plan's header: "So sánh với kế hoạch cấp trên" on a plan that adopts
 * one, and "Áp dụng cho đơn vị" on a published plan the actor may adopt for a unit below its issuer
 * (the server says so in `allowed`).
 */
export function AdoptPlanButton({ plan }: { plan: PlanDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      {plan.parentPlanId !== null && (
        <Link to={`${paths.plans}/${plan.id}/so-sanh`} style={{ alignSelf: 'center' }}>
          <DiffOutlined aria-hidden /> {t('plans.cascade.compareLink')}
        </Link>
      )}
      {plan.allowed.includes('adopt') && (
        <Button icon={<ApartmentOutlined aria-hidden />} onClick={() => setOpen(true)}>
          {t('plans.cascade.adopt.button')}
        </Button>
      )}
      {open && <AdoptModal plan={plan} onClose={() => setOpen(false)} />}
    </>
  );
}

interface Values {
  unitId: number;
}

/** Picks the unit that adopts the plan (its own unit below the issuer, when it has one) and creates the draft. */
function AdoptModal({ plan, onClose }: { plan: PlanDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const navigate = useNavigate();
  const me = useMe().data;
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const adopt = useAdopt(plan.id);
  const [existing, setExisting] = useState<number | null>(null);

  // Units below the issuer where the account writes plans: paths are ids joined by dots.
  const below = (me?.grants ?? []).filter(
    (g) => permissions['plan.write'].includes(g.role) && g.unitId !== plan.unitId && g.unitPath.split('.').includes(String(plan.unitId)),
  );
  const seed = below.map((g) => ({ id: g.unitId, name: g.unitName }));

  const submit = (v: Values) => {
    setExisting(null);
    formError.clear();
    adopt.mutate(v.unitId, {
      onSuccess: (draft) => {
        void message.success(t('plans.cascade.adopt.done'));
        onClose();
        void navigate(`${paths.plans}/${draft.id}`);
      },
      onError: (e) => {
        if (e instanceof ApiError && e.code === 'PLAN_ALREADY_ADOPTED' && typeof e.details?.existingPlanId === 'number') setExisting(e.details.existingPlanId);
        formError.report(e);
      },
    });
  };

  return (
    <Modal
      open
      title={t('plans.cascade.adopt.title')}
      okText={t('plans.cascade.adopt.submit')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={adopt.isPending}
    >
      <Typography.Paragraph>{t('plans.cascade.adopt.intro')}</Typography.Paragraph>
      {formError.alert}
      {existing !== null && (
        <Typography.Paragraph>
          <Link to={`${paths.plans}/${existing}`} onClick={onClose}>
            {t('plans.cascade.adopt.openExisting')}
          </Link>
        </Typography.Paragraph>
      )}
      <Form<Values>
        name="adoptPlan"
        form={form}
        layout="vertical"
        initialValues={below.length === 1 ? { unitId: below[0]!.unitId } : undefined}
        onFinish={submit}
      >
        <Form.Item
          label={t('plans.cascade.adopt.unit')}
          name="unitId"
          extra={t('plans.cascade.adopt.unitHint', { unit: plan.unitName })}
          rules={[{ required: true, message: t('plans.cascade.adopt.unitRequired') }]}
        >
          <UnitPicker seed={seed} excludeIds={[plan.unitId]} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
