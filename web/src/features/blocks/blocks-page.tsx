import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { BlockView } from '@thidua/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntdApp, Button, Card, Empty, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorText } from '../../app/api';
import { ErrorAlert } from '../../app/forms';
import { PageHeader } from '../../app/page-header';
import { can, useMe } from '../../app/session';
import { tagColors } from '../../app/theme';
import { BlockFormModal, type BlockFormTarget } from './block-form-modal';
import { blocksApi } from './blocks-api';
import { appYear } from '../../app/clock';

/** /khoi-thi-dua — the Khối/Cụm thi đua of a year. */
export default function BlocksPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const { message } = AntdApp.useApp();
  const [params, setParams] = useSearchParams();
  const thisYear = appYear();
  const year = Number(params.get('nam')) || thisYear;
  const [target, setTarget] = useState<BlockFormTarget | null>(null);

  const blocks = useQuery({ queryKey: ['blocks', year], queryFn: () => blocksApi.list(year) });
  const remove = useMutation({
    mutationFn: (id: number) => blocksApi.remove(id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void qc.invalidateQueries({ queryKey: ['blocks'] });
    },
    onError: (e) => void message.error(errorText(e, i18n.language)),
  });

  const years = Array.from({ length: 12 }, (_, i) => thisYear + 1 - i);
  const kindTag = (k: BlockView['kind']) => <Tag color={k === 'khoi' ? tagColors.info : tagColors.neutral}>{t(`blocks.kinds.${k}`)}</Tag>;

  return (
    <>
      <PageHeader
        title={t('blocks.title')}
        extra={
          <>
            <Select
              aria-label={t('blocks.year')}
              value={year}
              style={{ width: 120 }}
              options={years.map((y) => ({ value: y, label: `${t('blocks.year')} ${y}` }))}
              onChange={(y) => setParams({ nam: String(y) })}
            />
            {can(me, 'block.write') && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setTarget({ mode: 'create', year })}>
                {t('blocks.create')}
              </Button>
            )}
          </>
        }
      />
      {blocks.error ? <ErrorAlert error={blocks.error} /> : null}
      <Card>
        <Table<BlockView>
          rowKey="id"
          loading={blocks.isLoading}
          dataSource={blocks.data?.items ?? []}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={t('blocks.empty', { year })} /> }}
          expandable={{
            columnTitle: <span className="visually-hidden">{t('common.details')}</span>,
            expandedRowRender: (b) =>
              b.members.length === 0 ? (
                <Typography.Text type="secondary">{t('blocks.noMembers')}</Typography.Text>
              ) : (
                <ul style={{ margin: 0, paddingLeft: 20, columns: '2 280px' }}>
                  {b.members.map((m) => (
                    <li key={m.id}>
                      {m.name}{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {m.code}
                      </Typography.Text>
                      {m.id === b.headUnitId && <Tag style={{ marginInlineStart: 6 }}>{t('blocks.head')}</Tag>}
                      {m.id === b.deputyUnitId && <Tag style={{ marginInlineStart: 6 }}>{t('blocks.deputy')}</Tag>}
                    </li>
                  ))}
                </ul>
              ),
            expandRowByClick: false,
          }}
          columns={[
            { title: t('blocks.name'), dataIndex: 'name', render: (v: string) => <strong>{v}</strong> },
            { title: t('blocks.kind'), dataIndex: 'kind', width: 90, render: kindTag },
            { title: t('blocks.organizer'), dataIndex: 'organizerUnitName' },
            { title: t('blocks.head'), dataIndex: 'headUnitName', render: (v: string | null) => v ?? '—' },
            { title: t('blocks.deputy'), dataIndex: 'deputyUnitName', render: (v: string | null) => v ?? '—' },
            { title: t('blocks.memberCount'), key: 'count', width: 110, align: 'right', render: (_: unknown, b) => b.members.length },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 170,
              render: (_: unknown, b) =>
                b.allowed.includes('block.write') ? (
                  <Space size={4}>
                    <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setTarget({ mode: 'edit', block: b })}>
                      {t('common.edit')}
                    </Button>
                    <Popconfirm
                      title={t('blocks.deleteConfirm', { name: b.name })}
                      okText={t('common.delete')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('common.cancel')}
                      onConfirm={() => remove.mutateAsync(b.id)}
                    >
                      <Button size="small" danger icon={<DeleteOutlined aria-hidden />}>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      <BlockFormModal
        target={target}
        onClose={() => setTarget(null)}
        onSaved={(b) => {
          void message.success(t('common.saved'));
          void qc.invalidateQueries({ queryKey: ['blocks'] });
          if (b.year !== year) setParams({ nam: String(b.year) });
        }}
      />
    </>
  );
}
