import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportJobView, ImportKind } from '@thidua/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Modal, Progress, Result, Statistic, Steps, Table, Typography, Upload, type UploadProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiErrorFrom, csrfToken, CSRF_HEADER, errorText, readCookie, CSRF_COOKIE } from '../../app/api';
import { ErrorAlert } from '../../app/forms';
import { formatNumber } from '../../app/format';

const POLL_MS = 700;

const importsApi = {
  get: (id: number) => api.get<ImportJobView>(`/api/imports/${id}`),
  commit: (id: number, onlyGoodRows: boolean) => api.post<ImportJobView>(`/api/imports/${id}/commit`, { onlyGoodRows }),
};

/**
 * Import from a spreadsheet in three steps: upload (templates offered), validation with the bad rows
 * listed, then import (all rows, or only the good ones) with progress.
 */
export function ImportWizard({
  kind,
  open,
  onClose,
  onImported,
}: {
  kind: ImportKind;
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const [jobId, setJobId] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);
  const [percent, setPercent] = useState(0);
  const [csrfReady, setCsrfReady] = useState(() => !!readCookie(CSRF_COOKIE));

  useEffect(() => {
    if (!open) return;
    setJobId(null);
    setUploadError(null);
    setPercent(0);
    if (!readCookie(CSRF_COOKIE)) {
      // The upload goes through antd's XHR, so make sure the CSRF cookie exists first.
      void fetch('/api/health', { credentials: 'same-origin' }).finally(() => setCsrfReady(true));
    }
  }, [open]);

  const job = useQuery({
    queryKey: ['imports', jobId],
    queryFn: () => importsApi.get(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === 'validating' || s === 'importing' ? POLL_MS : false;
    },
    staleTime: 0,
    gcTime: 0,
  });
  const data = job.data;

  useEffect(() => {
    if (data?.status === 'done') onImported();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data?.status]);

  const commit = useMutation({
    mutationFn: (onlyGoodRows: boolean) => importsApi.commit(jobId!, onlyGoodRows),
    onSuccess: (j) => qc.setQueryData(['imports', j.id], j),
  });

  const uploadProps: UploadProps = {
    name: 'file',
    action: `/api/imports/${kind}`,
    accept: '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv',
    multiple: false,
    maxCount: 1,
    withCredentials: true,
    showUploadList: false,
    disabled: uploading || !csrfReady,
    headers: { [CSRF_HEADER]: csrfToken(), accept: 'application/json' },
    onChange: (info) => {
      const f = info.file;
      if (f.status === 'uploading') {
        setUploading(true);
        setUploadError(null);
        setPercent(Math.round(f.percent ?? 0));
      } else if (f.status === 'done') {
        setUploading(false);
        const j = f.response as ImportJobView;
        qc.setQueryData(['imports', j.id], j);
        setJobId(j.id);
      } else if (f.status === 'error') {
        setUploading(false);
        const status = f.error && 'status' in f.error ? Number((f.error as { status?: number }).status) : 0;
        setUploadError(apiErrorFrom(status, f.response));
      }
    },
  };

  const status = data?.status;
  const current = !data ? 0 : status === 'validating' || status === 'validated' || status === 'failed' ? 1 : 2;
  const pct = (a: number, b: number) => (b > 0 ? Math.min(100, Math.round((a / b) * 100)) : 0);
  const title = { people: t('imports.titlePeople'), units: t('imports.titleUnits'), records: t('imports.titleRecords') }[kind];

  const body = () => {
    if (!data) {
      return (
        <>
          <Typography.Paragraph>{t('imports.step1Text')}</Typography.Paragraph>
          <Flex wrap gap={8} style={{ marginBottom: 16 }}>
            <Button icon={<DownloadOutlined aria-hidden />} href={`/api/imports/templates/${kind}.xlsx`} download>
              {t('imports.templateXlsx')}
            </Button>
            <Button icon={<DownloadOutlined aria-hidden />} href={`/api/imports/templates/${kind}.csv`} download>
              {t('imports.templateCsv')}
            </Button>
          </Flex>
          {uploadError ? <ErrorAlert error={uploadError} /> : null}
          <Upload.Dragger {...uploadProps}>
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p className="ant-upload-text">{t('imports.dropHere')}</p>
            <p className="ant-upload-hint">{t('imports.dropHint')}</p>
          </Upload.Dragger>
          {uploading && <Progress percent={percent} aria-label={t('imports.uploading')} style={{ marginTop: 12 }} />}
        </>
      );
    }
    if (status === 'failed') {
      return <Result status="error" title={t('imports.failed')} subTitle={data.failure ?? ''} />;
    }
    if (status === 'validating') {
      return (
        <>
          <Typography.Paragraph>{t('imports.validating', { file: data.fileName })}</Typography.Paragraph>
          <Progress
            percent={pct(data.processedRows, data.totalRows)}
            status="active"
            aria-label={t('imports.validationProgress')}
            format={() => `${formatNumber(data.processedRows, lang)} / ${data.totalRows ? formatNumber(data.totalRows, lang) : '…'}`}
          />
        </>
      );
    }
    if (status === 'validated') {
      return (
        <>
          <Flex wrap gap={32} style={{ marginBottom: 16 }}>
            <Statistic title={t('imports.totalRows')} value={data.totalRows} formatter={(v) => formatNumber(Number(v), lang)} />
            <Statistic title={t('imports.goodRows')} value={data.goodRows} formatter={(v) => formatNumber(Number(v), lang)} />
            <Statistic title={t('imports.badRows')} value={data.badRows} formatter={(v) => formatNumber(Number(v), lang)} />
          </Flex>
          {data.badRows > 0 ? (
            <>
              <Alert type="warning" showIcon title={t('imports.hasErrors')} style={{ marginBottom: 12 }} />
              <Table
                size="small"
                rowKey={(r) => `${r.row}-${r.field ?? ''}-${r.message}`}
                dataSource={data.errors}
                pagination={data.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
                scroll={{ x: 480 }}
                columns={[
                  { title: t('imports.row'), dataIndex: 'row', width: 80 },
                  { title: t('imports.column'), dataIndex: 'field', width: 140, render: (v: string | null) => v ?? '—' },
                  {
                    title: t('imports.error'),
                    key: 'message',
                    render: (_: unknown, r) => (lang === 'en' ? r.messageEn : r.message),
                  },
                ]}
              />
              {data.badRows > data.errors.length && (
                <Typography.Paragraph type="secondary">
                  {t('imports.moreErrors', { shown: data.errors.length, total: data.badRows })}
                </Typography.Paragraph>
              )}
            </>
          ) : (
            <Alert type="success" showIcon title={t('imports.allGood')} />
          )}
          {commit.error ? <ErrorAlert error={commit.error} style={{ marginTop: 12 }} /> : null}
        </>
      );
    }
    if (status === 'importing') {
      const target = data.badRows > 0 ? data.goodRows : data.totalRows;
      return (
        <>
          <Typography.Paragraph>{t('imports.importing')}</Typography.Paragraph>
          <Progress
            percent={pct(data.importedRows, target)}
            status="active"
            aria-label={t('imports.importProgress')}
            format={() => `${formatNumber(data.importedRows, lang)} / ${formatNumber(target, lang)}`}
          />
        </>
      );
    }
    return (
      <Result
        status="success"
        title={t('imports.done')}
        subTitle={t('imports.doneText', { count: data.importedRows, n: formatNumber(data.importedRows, lang) })}
      />
    );
  };

  const footer =
    status === 'validated'
      ? [
          <Button key="cancel" onClick={onClose}>
            {t('common.cancel')}
          </Button>,
          <Button
            key="good"
            disabled={data!.goodRows === 0}
            loading={commit.isPending && commit.variables === true}
            onClick={() => commit.mutate(true)}
          >
            {t('imports.commitGood')}
          </Button>,
          <Button
            key="all"
            type="primary"
            disabled={data!.badRows > 0 || data!.goodRows === 0}
            loading={commit.isPending && commit.variables === false}
            onClick={() => commit.mutate(false)}
          >
            {t('imports.commitAll')}
          </Button>,
        ]
      : [
          status === 'failed' || status === 'done' ? (
            <Button key="again" onClick={() => setJobId(null)}>
              {t('imports.another')}
            </Button>
          ) : null,
          <Button key="close" type={status === 'done' ? 'primary' : 'default'} onClick={onClose}>
            {t('common.close')}
          </Button>,
        ];

  return (
    <Modal open={open} title={title} onCancel={onClose} footer={footer} width={760} destroyOnHidden mask={{ closable: false }}>
      <Steps
        size="small"
        current={current}
        status={status === 'failed' ? 'error' : status === 'done' ? 'finish' : 'process'}
        style={{ marginBottom: 24 }}
        items={[{ title: t('imports.stepUpload') }, { title: t('imports.stepValidate') }, { title: t('imports.stepImport') }]}
      />
      {job.error ? <ErrorAlert error={job.error} /> : null}
      {body()}
      <span className="visually-hidden" aria-live="polite">
        {status ? t(`imports.status.${status}`) : ''}
        {uploadError ? errorText(uploadError, lang) : ''}
      </span>
    </Modal>
  );
}
