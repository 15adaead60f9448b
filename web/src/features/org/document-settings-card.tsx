import { EditOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntdApp, Button, Flex, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../app/forms';
import { DocumentSettingsModal } from './document-settings-modal';
import { DocumentSettingsPreview } from './document-settings-preview';
import { unitKeys, unitsApi } from './org-api';

/** The unit's document settings on its page: what its documents print, and for those allowed, editing them. */
export function DocumentSettingsSection({ unitId, unitName }: { unitId: number; unitName: string }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = AntdApp.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: unitKeys.documentSettings(unitId), queryFn: () => unitsApi.documentSettings(unitId) });
  const reset = useMutation({
    mutationFn: () => unitsApi.resetDocumentSettings(unitId),
    onSuccess: (v) => {
      queryClient.setQueryData(unitKeys.documentSettings(unitId), v);
      void message.success(t('unitDocuments.resetDone'));
    },
    onError: (e) => void message.error(errorText(e, i18n.language)),
  });

  if (q.isLoading) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (q.error || !q.data) return <ErrorAlert error={q.error} />;
  const view = q.data;
  const canEdit = view.allowed.includes('unit.documents');
  return (
    <section aria-labelledby={`unit-documents-${unitId}`}>
      <Flex align="center" gap={8} wrap style={{ marginTop: 20, marginBottom: 8 }}>
        <Typography.Title level={3} id={`unit-documents-${unitId}`} style={{ fontSize: 15, margin: 0 }}>
          {t('unitDocuments.title')}
        </Typography.Title>
        {view.custom ? <Tag color="blue">{t('unitDocuments.customTag')}</Tag> : <Tag>{t('unitDocuments.defaultTag')}</Tag>}
        {canEdit && (
          <Flex gap={8} style={{ marginLeft: 'auto' }}>
            <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
              {t('unitDocuments.edit')}
            </Button>
            {view.custom && (
              <Button
                size="small"
                icon={<UndoOutlined aria-hidden />}
                loading={reset.isPending}
                onClick={() =>
                  modal.confirm({
                    title: t('unitDocuments.resetTitle'),
                    content: t('unitDocuments.resetText'),
                    okText: t('unitDocuments.reset'),
                    cancelText: t('common.cancel'),
                    onOk: () => reset.mutateAsync(),
                  })
                }
              >
                {t('unitDocuments.reset')}
              </Button>
            )}
          </Flex>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {view.custom && view.updatedAt ? `${t('unitDocuments.intro')} ${t('unitDocuments.updatedAt', { at: formatDateTime(view.updatedAt) })}` : `${t('unitDocuments.intro')} ${t('unitDocuments.defaultHint')}`}
      </Typography.Paragraph>
      <DocumentSettingsPreview settings={view.settings} />
      {canEdit && (
        <DocumentSettingsModal unitName={unitName} view={view} open={editing} onClose={() => setEditing(false)} onSaved={() => void message.success(t('unitDocuments.saved'))} />
      )}
    </section>
  );
}
