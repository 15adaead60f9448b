import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  return JSON.stringify(v, null, 2);
}

/** Before/after of an audit entry: a field-by-field table when both are objects, else the raw JSON. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const b = before ?? null;
  const a = after ?? null;
  if (b === null && a === null) return <Typography.Text type="secondary">{t('audit.noData')}</Typography.Text>;
  if ((b === null || isPlainObject(b)) && (a === null || isPlainObject(a))) {
    const bo = (b ?? {}) as Record<string, unknown>;
    const ao = (a ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(bo), ...Object.keys(ao)])].sort();
    const rows = keys.map((k) => {
      const bs = k in bo ? show(bo[k]) : '';
      const as = k in ao ? show(ao[k]) : '';
      return { key: k, before: bs, after: as, changed: b !== null && a !== null && bs !== as };
    });
    return (
      <Table
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 560 }}
        rowClassName={(r) => (r.changed ? 'diff-changed' : '')}
        columns={[
          { title: t('audit.field'), dataIndex: 'key', width: 180, render: (v: string) => <code>{v}</code> },
          { title: t('audit.before'), dataIndex: 'before', render: (v: string) => <pre className="json-block">{v || '—'}</pre> },
          { title: t('audit.after'), dataIndex: 'after', render: (v: string) => <pre className="json-block">{v || '—'}</pre> },
        ]}
      />
    );
  }
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))', gap: 8 }}>
      <div>
        <Typography.Text strong>{t('audit.before')}</Typography.Text>
        <pre className="json-block">{show(b)}</pre>
      </div>
      <div>
        <Typography.Text strong>{t('audit.after')}</Typography.Text>
        <pre className="json-block">{show(a)}</pre>
      </div>
    </div>
  );
}
