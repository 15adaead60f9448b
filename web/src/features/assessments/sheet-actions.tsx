import type { AssessmentDetail } from '@thidua/contracts';
import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { useFormError } from '../../app/forms';
import { assessmentsApi } from './assessments-api';

export type SheetDialog = 'return' | 'finalise' | 'reopen' | null;

/** The modals of the sheet's steps that need words: Trả lại (reason), Hoàn tất (override reason), Mở lại (reason). */
export function SheetDialogs({ a, open, onClose, onDone }: { a: AssessmentDetail; open: SheetDialog; onClose: () => void; onDone: (a: AssessmentDetail, what: Exclude<SheetDialog, null>) => void }) {
  // A dialog is built the first time it opens (and kept for its closing animation and next opening):
  // three hidden forms drawn and measured with the sheet would only slow its first paint.
  const [opened, setOpened] = useState<Exclude<SheetDialog, null>[]>([]);
  if (open && !opened.includes(open)) setOpened([...opened, open]);
  return (
    <>
      {opened.includes('return') && <ReturnModal a={a} open={open === 'return'} onClose={onClose} onDone={(x) => onDone(x, 'return')} />}
      {opened.includes('finalise') && <FinaliseModal a={a} open={open === 'finalise'} onClose={onClose} onDone={(x) => onDone(x, 'finalise')} />}
      {opened.includes('reopen') && <ReopenModal a={a} open={open === 'reopen'} onClose={onClose} onDone={(x) => onDone(x, 'reopen')} />}
    </>
  );
}

interface ModalProps {
  a: AssessmentDetail;
  open: boolean;
  onClose: () => void;
  onDone: (a: AssessmentDetail) => void;
}

function ReturnModal({ a, open, onClose, onDone }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string; to: 'self' | 'review' }>();
  const formError = useFormError(form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    formError.clear();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  const send = useMutation({
    mutationFn: (v: { reason: string; to: 'self' | 'review' }) => assessmentsApi.return(a.id, { reason: v.reason, ...(a.stage === 'council' ? { to: v.to } : {}) }),
    onSuccess: (x) => {
      onDone(x);
      onClose();
    },
    onError: (e) => formError.report(e),
  });
  return (
    <Modal open={open} title={t('assessments.sheet.returnTitle')} okText={t('assessments.sheet.return')} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={send.isPending} forceRender>
      {formError.alert}
      <Form form={form} layout="vertical" name="returnAssessment" initialValues={{ to: 'review' }} onFinish={(v) => send.mutate(v)}>
        {a.stage === 'council' && (
          <Form.Item label={t('assessments.sheet.returnTo')} name="to">
            <Radio.Group
              options={[
                { value: 'review', label: t('assessments.sheet.returnToReview') },
                { value: 'self', label: t('assessments.sheet.returnToSelf') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item label={t('assessments.sheet.returnReason')} name="reason" rules={[{ required: true, whitespace: true, message: t('assessments.sheet.returnReasonRequired') }, { max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FinaliseModal({ a, open, onClose, onDone }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ overrideReason?: string }>();
  const formError = useFormError(form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    formError.clear();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  const pending = a.dependants?.notFinal ?? 0;
  const send = useMutation({
    mutationFn: (v: { overrideReason?: string }) => assessmentsApi.finalise(a.id, v.overrideReason?.trim() ? { overrideReason: v.overrideReason.trim() } : {}),
    onSuccess: (x) => {
      onDone(x);
      onClose();
    },
    onError: (e) => formError.report(e),
  });
  const needsReason = pending > 0 || (send.error instanceof ApiError && send.error.code === 'ASSESSMENT_DEPENDANTS_NOT_FINAL');
  return (
    <Modal open={open} title={t('assessments.sheet.finaliseTitle')} okText={t('assessments.sheet.finalise')} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={send.isPending} forceRender>
      <p>{t('assessments.sheet.finaliseText')}</p>
      {a.dependants && (
        <Alert
          type={pending > 0 ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 12 }}
          title={pending > 0 ? t('assessments.sheet.dependants', { notFinal: pending, total: a.dependants.total }) : t('assessments.sheet.dependantsAll', { total: a.dependants.total })}
        />
      )}
      {formError.alert}
      <Form form={form} layout="vertical" name="finaliseAssessment" onFinish={(v) => send.mutate(v)}>
        {needsReason && (
          <Form.Item label={t('assessments.sheet.overrideReason')} name="overrideReason" rules={[{ required: true, whitespace: true, message: t('assessments.sheet.overrideRequired') }, { max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function ReopenModal({ a, open, onClose, onDone }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const formError = useFormError(form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    formError.clear();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  const send = useMutation({
    mutationFn: (v: { reason: string }) => assessmentsApi.reopen(a.id, v),
    onSuccess: (x) => {
      onDone(x);
      onClose();
    },
    onError: (e) => formError.report(e),
  });
  return (
    <Modal open={open} title={t('assessments.sheet.reopenTitle')} okText={t('assessments.sheet.reopen')} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={send.isPending} forceRender>
      {formError.alert}
      <Form form={form} layout="vertical" name="reopenAssessment" onFinish={(v) => send.mutate(v)}>
        <Form.Item label={t('assessments.sheet.reopenReason')} name="reason" rules={[{ required: true, whitespace: true, message: t('assessments.sheet.reopenRequired') }, { max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
