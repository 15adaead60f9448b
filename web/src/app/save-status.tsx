import { CheckCircleOutlined, CloudSyncOutlined, DisconnectOutlined, ExclamationCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from './api';
import { formatTime } from './format';
import type { SaveState } from './use-autosave';

/**
 * Where a draft stands, in words: "Đang lưu…", "Đã lưu lúc 09:14", "Chưa lưu — mất kết nối, sẽ thử
 * lại", "Chưa lưu — 2 ô chưa hợp lệ", or that changes wait for the pause after typing.
 */
export function SaveStatus({ state, waiting, invalid }: { state: SaveState; waiting: boolean; invalid: number }) {
  const { t, i18n } = useTranslation();
  let icon = null;
  let text: string | null = null;
  let color = 'rgba(0,0,0,0.65)';
  // Saving and a lost connection are said first: they change while one looks; then what holds the save back.
  if (state.kind === 'saving') {
    icon = <LoadingOutlined aria-hidden />;
    text = t('editing.saving');
  } else if (state.kind === 'offline') {
    icon = <DisconnectOutlined aria-hidden />;
    text = t('editing.offline');
    color = '#9a5b00';
  } else if (invalid > 0) {
    icon = <ExclamationCircleOutlined aria-hidden />;
    text = t('editing.invalid', { count: invalid });
    color = '#b42318';
  } else if (state.kind === 'failed') {
    icon = <ExclamationCircleOutlined aria-hidden />;
    text = `${t('editing.failed')}: ${errorText(state.error, i18n.language)}`;
    color = '#b42318';
  } else if (waiting) {
    icon = <CloudSyncOutlined aria-hidden />;
    text = t('editing.unsaved');
    color = '#9a5b00';
  } else if (state.kind === 'saved') {
    icon = <CheckCircleOutlined aria-hidden />;
    text = t('editing.savedAt', { time: formatTime(state.at) });
    color = '#1b6e2d';
  }
  return (
    <span role="status" aria-live="polite" style={{ color, display: 'inline-flex', gap: 6, alignItems: 'center' }}>
      {icon}
      {text}
    </span>
  );
}
