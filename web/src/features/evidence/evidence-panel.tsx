import {
  CameraOutlined,
  DeleteOutlined,
  FileExcelOutlined,
  FileImageOutlined,
  FileOutlined,
  FilePdfOutlined,
  FilePptOutlined,
  FileTextOutlined,
  FileWordOutlined,
  LinkOutlined,
  PaperClipOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { evidenceFileExtensions, evidenceLimits, type EvidenceFileKind, type EvidenceView } from '@thidua/contracts';
import { Alert, App as AntdApp, Button, Flex, Form, Grid, Image, Input, Modal, Popconfirm, Progress, Tag, Typography, Upload } from 'antd';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../app/api';
import { formatDate, formatNumber } from '../../app/format';
import { useFormError } from '../../app/forms';
import { lengthRule, limitCount } from '../../app/text-limit';
import { tagColors } from '../../app/theme';
import { useCriterionEvidence, useEvidenceMutations } from './evidence-api';

const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = evidenceFileExtensions.map((e) => `.${e}`).join(',');

/** "820 kB", "1,5 MB" in the reader's language. */
export function formatBytes(n: number, lang: string): string {
  if (n < 1024) return `${formatNumber(n, lang)} B`;
  if (n < 1024 * 1024) return `${formatNumber(Math.round(n / 1024), lang)} kB`;
  return `${formatNumber(Math.round((n / (1024 * 1024)) * 10) / 10, lang)} MB`;
}

function extensionOf(name: string): string {
  return name.toLowerCase().match(/\.([a-z0-9]{1,10})$/)?.[1] ?? '';
}

/** A phone (or tablet) where the camera can be opened straight from the page. */
function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  const coarse = useMemo(() => typeof window !== 'undefined' && !!window.matchMedia?.('(pointer: coarse)').matches, []);
  return coarse || screens.md === false;
}

function kindIcon(e: EvidenceView): ReactNode {
  if (e.kind === 'link') return <LinkOutlined aria-hidden />;
  if (e.kind === 'note') return <FileTextOutlined aria-hidden />;
  const ct = e.contentType ?? '';
  if (ct.startsWith('image/')) return <FileImageOutlined aria-hidden />;
  if (ct === 'application/pdf') return <FilePdfOutlined aria-hidden />;
  if (ct.includes('word')) return <FileWordOutlined aria-hidden />;
  if (ct.includes('sheet') || ct.includes('excel')) return <FileExcelOutlined aria-hidden />;
  if (ct.includes('presentation')) return <FilePptOutlined aria-hidden />;
  return <FileOutlined aria-hidden />;
}

/** The API's message with its reason (why the file was refused), in the reader's language. */
function EvidenceError({ error, onClose }: { error: unknown; onClose: () => void }) {
  const { i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  let description: ReactNode;
  if (error instanceof ApiError) {
    const reason = error.details?.[en ? 'reasonEn' : 'reason'];
    const lines = [typeof reason === 'string' ? reason : null, ...error.fields.map((f) => (en ? f.messageEn : f.message))].filter(Boolean);
    if (lines.length) description = lines.join(' · ');
  }
  return <Alert type="error" showIcon role="alert" closable={{ onClose }} title={errorText(error, i18n.language)} description={description} style={{ marginBottom: 8 }} />;
}

function EvidenceItem({ e, editable, onDelete, deleting }: { e: EvidenceView; editable: boolean; onDelete: () => void; deleting: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const name = e.fileName ?? e.url ?? e.note ?? '';
  // Browsers other than Safari cannot draw HEIC: an icon stands in for the thumbnail.
  const thumbnail = e.isImage && e.fileUrl && e.contentType !== 'image/heic';
  const title =
    e.kind === 'link' ? (
      <Typography.Link href={e.url!} target="_blank" rel="noopener noreferrer" title={t('evidence.openLink')} style={{ wordBreak: 'break-all' }}>
        {e.url}
      </Typography.Link>
    ) : e.kind === 'note' ? (
      <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Text>
    ) : (
      <Typography.Link href={e.fileUrl!} target="_blank" rel="noopener" title={e.isImage ? t('evidence.open') : t('evidence.download')} style={{ wordBreak: 'break-word' }}>
        {e.fileName}
      </Typography.Link>
    );
  return (
    <li style={{ listStyle: 'none', padding: '8px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}>
      <Flex gap={12} align="flex-start">
        <div style={{ width: 48, height: 48, flex: 'none', display: 'flex', alignItems: 'center', justifyContent: 'center', fontSize: 24, background: '#f5f7fa', borderRadius: 6, overflow: 'hidden' }}>
          {thumbnail ? (
            <Image
              src={e.fileUrl!}
              alt={t('evidence.thumbnail', { name: e.fileName })}
              width={48}
              height={48}
              styles={{ root: { width: 48, height: 48 }, image: { width: 48, height: 48, objectFit: 'cover' } }}
            />
          ) : (
            kindIcon(e)
          )}
        </div>
        <div style={{ flex: 1, minWidth: 0 }}>
          <div>{title}</div>
          {e.kind !== 'note' && e.note ? (
            <Typography.Paragraph type="secondary" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
              {e.note}
            </Typography.Paragraph>
          ) : null}
          <Flex wrap gap={8} align="center" style={{ fontSize: 13, color: 'rgba(0, 0, 0, 0.65)' }}>
            <Tag style={{ marginInlineEnd: 0 }}>{t(`evidence.kind.${e.kind}`)}</Tag>
            {e.sizeBytes !== null ? <span>{formatBytes(e.sizeBytes, lang)}</span> : null}
            {e.createdBy ? <span title={t('evidence.by', { name: e.createdBy.name })}>{e.createdBy.name}</span> : null}
            <span title={t('evidence.addedOn', { date: formatDate(e.createdAt) })}>{formatDate(e.createdAt)}</span>
          </Flex>
        </div>
        {editable && e.canDelete ? (
          <Popconfirm
            title={t('evidence.deleteConfirm', { name: name.length > 60 ? `${name.slice(0, 57)}…` : name })}
            description={t('evidence.deleteHint')}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, loading: deleting }}
            onConfirm={onDelete}
          >
            <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${t('evidence.delete')}: ${name}`} title={t('evidence.delete')} />
          </Popconfirm>
        ) : null}
      </Flex>
    </li>
  );
}

/**
 * Evidence (minh chứng) of one criterion of an assessment (criterionId null: of the assessment as a
 * whole): the list with thumbnails, and — when `editable` and the server agrees the user holds the
 * assessment — upload, phone camera, link, note and delete.
 */
export function EvidencePanel({ assessmentId, criterionId, editable }: { assessmentId: number; criterionId: number | null; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = AntdApp.useApp();
  const q = useCriterionEvidence(assessmentId, criterionId);
  const m = useEvidenceMutations(assessmentId);
  const phone = useIsPhone();
  const cameraInput = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const [dialog, setDialog] = useState<'link' | 'note' | null>(null);
  const [deletingId, setDeletingId] = useState<number | null>(null);

  const canAdd = editable && !!q.data?.canAdd;
  const maxBytes = q.data?.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxText = formatBytes(maxBytes, lang);

  const send = async (file: File, kind: EvidenceFileKind) => {
    setError(null);
    const ext = extensionOf(file.name);
    // The server decides by content; these two checks only spare a long upload that would be refused.
    if (ext && !(evidenceFileExtensions as readonly string[]).includes(ext)) {
      setError(new Error(t('evidence.typeNotAllowed', { name: file.name })));
      return;
    }
    if (file.size > maxBytes) {
      setError(new Error(t('evidence.tooLarge', { name: file.name, size: maxText })));
      return;
    }
    setProgress({ name: file.name, percent: 0 });
    try {
      await m.upload.mutateAsync({ file, fields: { criterionId, kind }, onProgress: (percent) => setProgress({ name: file.name, percent }) });
      void message.success(t('evidence.uploaded', { name: file.name }));
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };

  const remove = async (id: number) => {
    setError(null);
    setDeletingId(id);
    try {
      await m.remove.mutateAsync(id);
      void message.success(t('evidence.deleted'));
    } catch (e) {
      setError(e);
    } finally {
      setDeletingId(null);
    }
  };

  return (
    <section aria-label={t('evidence.title')}>
      {error ? <EvidenceError error={error} onClose={() => setError(null)} /> : null}
      {q.isError ? <Alert type="error" showIcon title={t('evidence.loadFailed')} description={errorText(q.error, lang)} style={{ marginBottom: 8 }} /> : null}
      {canAdd ? (
        <>
          <Flex wrap gap={8}>
            <Upload accept={ACCEPT} multiple={false} showUploadList={false} disabled={!!progress} beforeUpload={(file) => (void send(file, 'file'), Upload.LIST_IGNORE)}>
              <Button icon={<UploadOutlined aria-hidden />} disabled={!!progress}>
                {t('evidence.upload')}
              </Button>
            </Upload>
            {phone ? (
              <>
                <Button icon={<CameraOutlined aria-hidden />} disabled={!!progress} onClick={() => cameraInput.current?.click()}>
                  {t('evidence.takePhoto')}
                </Button>
                <input
                  ref={cameraInput}
                  type="file"
                  accept="image/*"
                  capture="environment"
                  hidden
                  tabIndex={-1}
                  aria-hidden
                  onChange={(ev) => {
                    const file = ev.target.files?.[0];
                    ev.target.value = '';
                    if (file) void send(file, 'photo');
                  }}
                />
              </>
            ) : null}
            <Button
              icon={<LinkOutlined aria-hidden />}
              onClick={() => {
                setError(null);
                setDialog('link');
              }}
            >
              {t('evidence.addLink')}
            </Button>
            <Button
              icon={<FileTextOutlined aria-hidden />}
              onClick={() => {
                setError(null);
                setDialog('note');
              }}
            >
              {t('evidence.addNote')}
            </Button>
          </Flex>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13, marginTop: 4 }}>
            {t('evidence.hint', { size: maxText })}
          </Typography.Text>
          {progress ? <Progress percent={progress.percent} size="small" aria-label={t('evidence.uploading', { name: progress.name })} /> : null}
        </>
      ) : null}
      {q.isPending ? null : q.items.length === 0 ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {t('evidence.empty')}
        </Typography.Text>
      ) : (
        <ul style={{ margin: '4px 0 0', padding: 0 }} aria-label={t('evidence.title')}>
          {q.items.map((e) => (
            <EvidenceItem key={e.id} e={e} editable={editable} deleting={deletingId === e.id} onDelete={() => void remove(e.id)} />
          ))}
        </ul>
      )}
      <AddLinkModal open={dialog === 'link'} onClose={() => setDialog(null)} onAdd={(v) => m.addLink.mutateAsync({ criterionId, url: v.url, note: v.note ?? null })} />
      <AddNoteModal open={dialog === 'note'} onClose={() => setDialog(null)} onAdd={(v) => m.addNote.mutateAsync({ criterionId, note: v.note })} />
    </section>
  );
}

/** A dialog adding a link or a note: its fields as children, the server's refusal shown above them. */
function AddEvidenceModal<V extends object>({ open, title, onClose, onAdd, children }: { open: boolean; title: string; onClose: () => void; onAdd: (v: V) => Promise<unknown>; children: ReactNode }) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const [form] = Form.useForm<V>();
  const formError = useFormError(form);
  const [saving, setSaving] = useState(false);
  const submit = async (v: V) => {
    setSaving(true);
    formError.clear();
    try {
      await onAdd(v);
      void message.success(t('evidence.added'));
      form.resetFields();
      onClose();
    } catch (e) {
      formError.report(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      okText={t('evidence.add')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => {
        formError.clear();
        onClose();
      }}
      destroyOnHidden
    >
      {formError.alert}
      <Form<V> form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
        {children}
      </Form>
    </Modal>
  );
}

function AddLinkModal({ open, onClose, onAdd }: { open: boolean; onClose: () => void; onAdd: (v: { url: string; note?: string }) => Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <AddEvidenceModal open={open} title={t('evidence.linkTitle')} onClose={onClose} onAdd={onAdd}>
      <Form.Item
        name="url"
        label={t('evidence.linkUrl')}
        rules={[{ required: true, whitespace: true, pattern: /^https?:\/\/\S+$/i, message: t('evidence.linkUrlRequired') }, lengthRule(evidenceLimits.url, t('evidence.linkUrl'), lang)]}
      >
        <Input type="url" inputMode="url" placeholder={t('evidence.linkUrlPlaceholder')} autoFocus />
      </Form.Item>
      <Form.Item name="note" label={t('evidence.noteOptional')} rules={[lengthRule(evidenceLimits.note, t('evidence.note'), lang)]}>
        <Input.TextArea rows={2} count={limitCount(evidenceLimits.note, lang)} />
      </Form.Item>
    </AddEvidenceModal>
  );
}

function AddNoteModal({ open, onClose, onAdd }: { open: boolean; onClose: () => void; onAdd: (v: { note: string }) => Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  return (
    <AddEvidenceModal open={open} title={t('evidence.noteTitle')} onClose={onClose} onAdd={onAdd}>
      <Form.Item
        name="note"
        label={t('evidence.note')}
        rules={[{ required: true, whitespace: true, message: t('evidence.noteRequired') }, lengthRule(evidenceLimits.text, t('evidence.note'), i18n.language)]}
      >
        <Input.TextArea rows={4} count={limitCount(evidenceLimits.text, i18n.language)} autoFocus />
      </Form.Item>
    </AddEvidenceModal>
  );
}

/** A compact count of a criterion's evidence, e.g. beside the criterion in the score grid. */
export function EvidenceCount({ assessmentId, criterionId }: { assessmentId: number; criterionId: number | null }) {
  const { t } = useTranslation();
  const { items, isPending } = useCriterionEvidence(assessmentId, criterionId);
  if (isPending) return null;
  const label = t('evidence.count', { count: items.length });
  return (
    <Tag
      icon={<PaperClipOutlined aria-hidden />}
      color={items.length ? tagColors.info : undefined}
      aria-label={label}
      title={label}
      style={{ marginInlineEnd: 0 }}
    >
      {items.length}
    </Tag>
  );
}
