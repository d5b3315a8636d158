// i18next with the two message files: every string a user can see lives in zh-CN.json (the
// default) or en.json. The choice is kept in localStorage `tempered.lang` (the contract's key) and
// mirrored on <html lang>, which screen readers and the browser's hyphenation follow. Chinese (the
// default and the fallback) comes with the first screen; English is fetched when it is chosen.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const LANGUAGE_KEY = 'tempered.lang';

function storedLanguage(): Language {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  return LANGUAGES.find((l) => l === stored) ?? 'zh-CN';
}

const english = () => import('./en.json').then((m) => m.default);

/** Resolves once the stored language's messages are in: the console renders after it. */
export const i18nReady: Promise<unknown> = (async () => {
  const stored = storedLanguage();
  // A failed fetch of English leaves the console in Chinese rather than blank.
  const en = stored === 'en' ? await english().catch(() => undefined) : undefined;
  await i18n.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, ...(en ? { en: { translation: en } } : {}) },
    lng: en ? 'en' : 'zh-CN',
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = i18n.language;
})();

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  localStorage.setItem(LANGUAGE_KEY, language);
});

export const currentLanguage = (): Language => (i18n.language === 'en' ? 'en' : 'zh-CN');

export async function setLanguage(language: Language): Promise<void> {
  if (language === 'en' && !i18n.hasResourceBundle('en', 'translation'))
    i18n.addResourceBundle('en', 'translation', await english());
  await i18n.changeLanguage(language);
}

export default i18n;
