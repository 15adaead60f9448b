import { BranchesOutlined, CheckCircleOutlined, StopOutlined } from '@ant-design/icons';
import type { PlanDetail } from '@thidua/contracts';
import { App as AntdApp, Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { paths } from '../../app/paths';
import { AdoptPlanButton } from './cascade';
import { documentNumber } from './plan-format';
import { plansApi, usePlanChange } from './plans-api';

/**
 * The plan's state changes the user may make now (from `allowed`): publish (ban hành) a draft, close
 * a published plan, start a new version (phiên bản) of it; and adopting it, from the cascade feature.
 * Each asks for confirmation first.
 */
export function PlanActions({ plan, dirty, onError }: { plan: PlanDetail; dirty: boolean; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const { modal, message } = AntdApp.useApp();
  const publish = usePlanChange(() => plansApi.publish(plan.id));
  const close = usePlanChange(() => plansApi.close(plan.id));
  const newVersion = usePlanChange(() => plansApi.newVersion(plan.id));
  const navigate = useNavigate();
  const name = documentNumber(plan) || plan.title;

  const confirmPublish = () =>
    modal.confirm({
      title: t('plans.actions.publishTitle', { name }),
      content: t('plans.actions.publishText'),
      okText: t('plans.actions.publish'),
      cancelText: t('common.cancel'),
      onOk: () =>
        publish.mutateAsync(undefined).then(
          () => {
            onError(null);
            void message.success(t('plans.actions.published'));
          },
          (e: unknown) => onError(e),
        ),
    });

  const confirmClose = () =>
    modal.confirm({
      title: t('plans.actions.closeTitle', { name }),
      content: t('plans.actions.closeText'),
      okText: t('plans.actions.close'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        close.mutateAsync(undefined).then(
          () => {
            onError(null);
            void message.success(t('plans.actions.closed'));
          },
          (e: unknown) => onError(e),
        ),
    });

  const confirmNewVersion = () =>
    modal.confirm({
      title: t('plans.actions.newVersionTitle', { name, version: plan.version + 1 }),
      content: t('plans.actions.newVersionText'),
      okText: t('plans.actions.newVersion'),
      cancelText: t('common.cancel'),
      onOk: () =>
        newVersion.mutateAsync(undefined).then(
          (draft) => {
            onError(null);
            void navigate(`${paths.plans}/${draft.id}`);
          },
          (e: unknown) => onError(e),
        ),
    });

  return (
    <>
      <AdoptPlanButton plan={plan} />
      {plan.allowed.includes('publish') && (
        <Tooltip title={dirty ? t('plans.actions.saveFirst') : undefined}>
          <Button type="primary" icon={<CheckCircleOutlined aria-hidden />} disabled={dirty} loading={publish.isPending} onClick={confirmPublish}>
            {t('plans.actions.publish')}
          </Button>
        </Tooltip>
      )}
      {plan.allowed.includes('close') && (
        <Button danger icon={<StopOutlined aria-hidden />} loading={close.isPending} onClick={confirmClose}>
          {t('plans.actions.close')}
        </Button>
      )}
      {plan.allowed.includes('newVersion') && (
        <Button icon={<BranchesOutlined aria-hidden />} loading={newVersion.isPending} onClick={confirmNewVersion}>
          {t('plans.actions.newVersion')}
        </Button>
      )}
    </>
  );
}
