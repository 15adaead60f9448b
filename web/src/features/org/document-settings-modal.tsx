import { signPrefixes, type DocumentSettings, type DocumentSettingsView, type SignPrefix } from '@thidua/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Col, Divider, Form, Input, Modal, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormError } from '../../app/forms';
import { DocumentSettingsPreview } from './document-settings-preview';
import { unitKeys, unitsApi } from './org-api';

// Editing a unit's document settings (thể thức văn bản), with the printed result previewed live.

/** The form's values: the prefix as a string, '' for none (a Select cannot hold null well). */
type Values = Omit<DocumentSettings, 'signPrefix'> & { signPrefix: SignPrefix | '' };

const toValues = (s: DocumentSettings): Values => ({ ...s, signPrefix: s.signPrefix ?? '' });
const fromValues = (v: Values): DocumentSettings => ({ ...v, signPrefix: v.signPrefix === '' ? null : v.signPrefix, signAuthority: v.signPrefix === '' ? '' : v.signAuthority });

const prefixLabel: Record<SignPrefix, 'prefixTM' | 'prefixKT' | 'prefixQ'> = { 'TM.': 'prefixTM', 'KT.': 'prefixKT', 'Q.': 'prefixQ' };

export function DocumentSettingsModal({ unitName, view, open, onClose, onSaved }: { unitName: string; view: DocumentSettingsView; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const queryClient = useQueryClient();
  const watched = Form.useWatch([], form) as Values | undefined;
  const prefix = Form.useWatch('signPrefix', form) as Values['signPrefix'] | undefined;

  useEffect(() => {
    if (!open) return;
    formError.clear();
    form.setFieldsValue(toValues(view.settings));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, view]);

  const save = useMutation({
    mutationFn: (v: Values) => unitsApi.saveDocumentSettings(view.unitId, fromValues(v)),
    onSuccess: (saved) => {
      queryClient.setQueryData(unitKeys.documentSettings(view.unitId), saved);
      onSaved();
      onClose();
    },
    onError: (e) => formError.report(e),
  });

  // Fields not yet registered read as undefined: the stored settings stand in for them.
  const typed = Object.fromEntries(Object.entries(watched ?? {}).filter(([, v]) => v !== undefined)) as Partial<Values>;
  const preview = fromValues({ ...toValues(view.settings), ...typed });
  return (
    <Modal
      open={open}
      width={760}
      title={t('unitDocuments.modalTitle', { name: unitName })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      forceRender
    >
      {formError.alert}
      <Form<Values> name="documentSettings" form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {t('unitDocuments.issuer')}
        </Divider>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item label={t('unitDocuments.governingBody')} name="governingBody" extra={t('unitDocuments.governingBodyHint')} rules={[{ max: 200 }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 2 }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('unitDocuments.issuingBody')}
              name="issuingBody"
              extra={t('unitDocuments.issuingBodyHint')}
              rules={[{ required: true, whitespace: true, message: t('unitDocuments.issuingBodyRequired') }, { max: 200 }]}
            >
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('unitDocuments.codeSuffix')}
              name="codeSuffix"
              extra={t('unitDocuments.codeSuffixHint', { example: `Số: 125/BC-${preview.codeSuffix}` })}
              normalize={(v: string) => v.toLocaleUpperCase('vi-VN')}
              rules={[
                { required: true, whitespace: true, message: t('unitDocuments.codeSuffixRequired') },
                { pattern: /^[\p{Lu}0-9]+(?:-[\p{Lu}0-9]+)*$/u, message: t('unitDocuments.codeSuffixPattern') },
                { max: 20 },
              ]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('unitDocuments.place')}
              name="place"
              extra={t('unitDocuments.placeHint', { place: preview.place || '…' })}
              rules={[{ required: true, whitespace: true, message: t('unitDocuments.placeRequired') }, { max: 100 }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('unitDocuments.signing')}</Divider>
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item label={t('unitDocuments.signPrefix')} name="signPrefix">
              <Select options={[{ value: '', label: t('unitDocuments.prefixNone') }, ...signPrefixes.map((p) => ({ value: p, label: t(`unitDocuments.${prefixLabel[p]}`) }))]} />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              label={t('unitDocuments.signAuthority')}
              name="signAuthority"
              extra={t('unitDocuments.signAuthorityHint')}
              rules={prefix ? [{ required: true, whitespace: true, message: t('unitDocuments.signAuthorityRequired') }, { max: 200 }] : []}
            >
              <Input autoComplete="off" disabled={!prefix} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('unitDocuments.signerTitle')}
              name="signerTitle"
              extra={t('unitDocuments.signerTitleHint')}
              rules={prefix ? [{ max: 200 }] : [{ required: true, whitespace: true, message: t('unitDocuments.signerTitleRequired') }, { max: 200 }]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 3 }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('unitDocuments.signerName')} name="signerName" extra={t('unitDocuments.signerNameHint')} rules={[{ max: 200 }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('unitDocuments.preview')}</Divider>
        <DocumentSettingsPreview settings={preview} />
        <Button style={{ marginTop: 12 }} onClick={() => form.setFieldsValue(toValues(view.defaults))}>
          {t('unitDocuments.useDefaults')}
        </Button>
      </Form>
    </Modal>
  );
}
