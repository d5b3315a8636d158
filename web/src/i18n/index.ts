// i18next with the two message files: every string a user can see lives in zh-CN.json (the
// default) or en.json. The choice is kept in localStorage `tempered.lang` (the contract's key) and
// mirrored on <html lang>, which screen readers and the browser's hyphenation follow.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const LANGUAGE_KEY = 'tempered.lang';

function storedLanguage(): Language {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  return LANGUAGES.find((l) => l === stored) ?? 'zh-CN';
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  localStorage.setItem(LANGUAGE_KEY, language);
});

export const currentLanguage = (): Language => (i18n.language === 'en' ? 'en' : 'zh-CN');

export function setLanguage(language: Language): void {
  void i18n.changeLanguage(language);
}

export default i18n;
