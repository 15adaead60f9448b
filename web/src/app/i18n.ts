import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { vi } from './locales/vi';

export type Lang = 'vi' | 'en';
const STORAGE_KEY = 'thidua.lang';

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

// English (texts and dayjs locale) is fetched only when someone chooses it.
async function loadEnglish(): Promise<void> {
  if (i18n.hasResourceBundle('en', 'translation')) return;
  const [{ en }] = await Promise.all([import('./locales/en'), import('dayjs/locale/en')]);
  i18n.addResourceBundle('en', 'translation', en);
}

function apply(lang: Lang): void {
  dayjs.locale(lang);
  document.documentElement.lang = lang;
  document.title = lang === 'en' ? 'Thi đua — Emulation movement management' : 'Thi đua — Quản lý phong trào thi đua';
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

/** Starts i18next in the remembered language; awaited before the first render. */
export async function initI18n(): Promise<void> {
  const initial = storedLang();
  await i18n.use(initReactI18next).init({
    resources: { vi: { translation: vi } },
    partialBundledLanguages: true,
    lng: 'vi',
    fallbackLng: 'vi',
    interpolation: { escapeValue: false },
  });
  if (initial === 'en') await setLanguage('en');
  else apply('vi');
}

export async function setLanguage(lang: Lang): Promise<void> {
  if (lang === 'en') await loadEnglish().catch(() => undefined);
  if (lang === 'en' && !i18n.hasResourceBundle('en', 'translation')) return;
  apply(lang);
  await i18n.changeLanguage(lang);
}

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'vi';
}

/** Picks the label of a bilingual enum entry ({vi, en}) in the current language. */
export function useLabel(): (l: { vi: string; en: string } | undefined) => string {
  const { i18n: inst } = useTranslation();
  const lang = inst.language === 'en' ? 'en' : 'vi';
  return (l) => (l ? l[lang] : '');
}

export default i18n;
