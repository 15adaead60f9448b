import type { BlockBody, BlockView } from '@thidua/contracts';
import { useMutation } from '@tanstack/react-query';
import { Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormError } from '../../app/forms';
import type { BlockKind } from '../../app/types';
import { knownUnit, rememberUnits } from '../org/org-api';
import { UnitPicker } from '../org/unit-picker';
import { blocksApi } from './blocks-api';
import { NumberInput, numberRule, yearBounds } from '../../app/number-input';

interface Values {
  year: number;
  kind: BlockKind;
  name: string;
  organizerUnitId: number;
  memberUnitIds: number[];
  headUnitId?: number | null;
  deputyUnitId?: number | null;
}

export type BlockFormTarget = { mode: 'create'; year: number } | { mode: 'edit'; block: BlockView };

/** Creates or edits a Khối/Cụm thi đua: organizer, members, and the head and deputy among them. */
export function BlockFormModal({
  target,
  onClose,
  onSaved,
}: {
  target: BlockFormTarget | null;
  onClose: () => void;
  onSaved: (b: BlockView) => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const members = Form.useWatch('memberUnitIds', form) ?? [];
  const editing = target?.mode === 'edit' ? target.block : null;

  useEffect(() => {
    if (!target) return;
    formError.clear();
    form.resetFields();
    if (target.mode === 'edit') {
      const b = target.block;
      rememberUnits(b.members);
      rememberUnits([{ id: b.organizerUnitId, name: b.organizerUnitName }]);
      form.setFieldsValue({
        year: b.year,
        kind: b.kind,
        name: b.name,
        organizerUnitId: b.organizerUnitId,
        memberUnitIds: b.members.map((m) => m.id),
        headUnitId: b.headUnitId,
        deputyUnitId: b.deputyUnitId,
      });
    } else {
      form.setFieldsValue({ year: target.year, kind: 'khoi', memberUnitIds: [] });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: BlockBody = {
        year: v.year,
        kind: v.kind,
        name: v.name.trim(),
        organizerUnitId: v.organizerUnitId,
        memberUnitIds: v.memberUnitIds,
        headUnitId: v.headUnitId ?? null,
        deputyUnitId: v.deputyUnitId ?? null,
      };
      return editing ? blocksApi.update(editing.id, body) : blocksApi.create(body);
    },
    onSuccess: (b) => {
      onSaved(b);
      onClose();
    },
    onError: (e) => formError.report(e),
  });

  const memberOptions = members.map((id) => ({ value: id, label: knownUnit(id)?.name ?? `#${id}` }));

  return (
    <Modal
      open={!!target}
      title={editing ? t('blocks.editTitle', { name: editing.name }) : t('blocks.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={640}
      forceRender
    >
      {formError.alert}
      <Form<Values>
        name="blockForm"
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        onValuesChange={(changed: Partial<Values>, all) => {
          // The head and deputy must stay among the members.
          if (changed.memberUnitIds) {
            const set = new Set(all.memberUnitIds ?? []);
            if (all.headUnitId && !set.has(all.headUnitId)) form.setFieldValue('headUnitId', null);
            if (all.deputyUnitId && !set.has(all.deputyUnitId)) form.setFieldValue('deputyUnitId', null);
          }
        }}
      >
        <Form.Item label={t('blocks.name')} name="name" rules={[{ required: true, whitespace: true, message: t('blocks.nameRequired') }, { max: 300 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('blocks.kind')} name="kind" rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'khoi', label: t('blocks.kinds.khoi') },
              { value: 'cum', label: t('blocks.kinds.cum') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('blocks.year')} name="year" rules={[{ required: true }, numberRule(yearBounds(2000), t('blocks.year'), i18n.language)]}>
          <NumberInput style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label={t('blocks.organizer')} name="organizerUnitId" rules={[{ required: true, message: t('blocks.organizerRequired') }]}>
          <UnitPicker />
        </Form.Item>
        <Form.Item label={t('blocks.members')} name="memberUnitIds">
          <UnitPicker multiple seed={editing?.members} />
        </Form.Item>
        <Form.Item
          label={t('blocks.head')}
          name="headUnitId"
          dependencies={['deputyUnitId']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_r, v: number | null | undefined) =>
                v && v === getFieldValue('deputyUnitId') ? Promise.reject(new Error(t('blocks.headDeputySame'))) : Promise.resolve(),
            }),
          ]}
        >
          <Select allowClear options={memberOptions} placeholder={t('blocks.chooseAmongMembers')} notFoundContent={t('blocks.noMembers')} />
        </Form.Item>
        <Form.Item label={t('blocks.deputy')} name="deputyUnitId">
          <Select allowClear options={memberOptions} placeholder={t('blocks.chooseAmongMembers')} notFoundContent={t('blocks.noMembers')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
