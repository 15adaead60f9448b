import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage } from './i18n';

/** Toggles Vietnamese / English; the button names the language it switches to. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { i18n, t } = useTranslation();
  const toEn = i18n.language !== 'en';
  const target = toEn ? 'English' : 'Tiếng Việt';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined aria-hidden />}
      lang={toEn ? 'en' : 'vi'}
      aria-label={compact ? `${t('nav.language')}: ${target}` : undefined}
      title={t('nav.language')}
      onClick={() => void setLanguage(toEn ? 'en' : 'vi')}
    >
      {compact ? null : target}
    </Button>
  );
}
