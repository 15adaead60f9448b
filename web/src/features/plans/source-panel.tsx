import { WarningOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Flex, Switch, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sortWarnings } from './source-warnings';

const warningColor = '#8a5300';

/**
 * The imported document's text with line numbers, each parser warning beside the line it is about
 * and the warnings about the whole document on top. `focusLine` scrolls to a line (from a criterion).
 */
export function SourcePanel({
  text,
  warnings,
  fileName,
  focusLine,
}: {
  text: string | null;
  warnings: string[];
  fileName: string | null;
  focusLine: { line: number; at: number } | null;
}) {
  const { t } = useTranslation();
  const lines = useMemo(() => (text === null ? [] : text.split(/\r\n|\r|\n/)), [text]);
  const { general, byLine } = useMemo(() => sortWarnings(warnings, lines.length), [warnings, lines.length]);
  const [onlyWarned, setOnlyWarned] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (!focusLine) return;
    setOnlyWarned(false);
    // After the list is drawn in full again.
    requestAnimationFrame(() => listRef.current?.querySelector(`[data-line="${focusLine.line}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' }));
  }, [focusLine]);

  if (text === null && warnings.length === 0) return null;

  return (
    <Card
      title={t('plans.source.title')}
      extra={
        byLine.size > 0 ? (
          <Flex gap={6} align="center">
            <Switch size="small" checked={onlyWarned} onChange={setOnlyWarned} aria-label={t('plans.source.onlyWarned')} />
            <Typography.Text style={{ fontSize: 13 }}>{t('plans.source.onlyWarned')}</Typography.Text>
          </Flex>
        ) : null
      }
      styles={{ body: { padding: 12 } }}
    >
      {fileName && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('plans.source.file', { name: fileName })}
        </Typography.Paragraph>
      )}
      {warnings.length > 0 && (
        <Typography.Paragraph style={{ marginBottom: 8 }}>{t('plans.source.warningCount', { count: warnings.length })}</Typography.Paragraph>
      )}
      {general.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('plans.source.general')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {general.map((w, i) => (
                <li key={i}>{w.text}</li>
              ))}
            </ul>
          }
        />
      )}
      {text === null ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plans.source.noText')} />
      ) : (
        <ol
          ref={listRef}
          aria-label={t('plans.source.listLabel')}
          style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: '70vh', overflow: 'auto', fontSize: 13, lineHeight: 1.5 }}
        >
          {lines.map((line, i) => {
            const n = i + 1;
            const notes = byLine.get(n);
            if (onlyWarned && !notes) return null;
            const focused = focusLine?.line === n;
            return (
              <li
                key={n}
                data-line={n}
                style={{
                  display: 'flex',
                  gap: 8,
                  padding: '1px 4px',
                  background: focused ? '#e3edf8' : notes ? '#fff7e6' : undefined,
                  borderInlineStart: notes ? `3px solid ${warningColor}` : '3px solid transparent',
                }}
              >
                <span style={{ flex: '0 0 3.2em', textAlign: 'right', color: 'rgba(0, 0, 0, 0.62)', userSelect: 'none' }}>{n}</span>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{line || '\u00a0'}</div>
                  {notes?.map((w, k) => (
                    <div key={k} role="note" style={{ color: warningColor, fontSize: 12.5 }}>
                      <WarningOutlined aria-hidden /> <span className="visually-hidden">{t('plans.source.warningPrefix')}</span>
                      {w.text}
                    </div>
                  ))}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
