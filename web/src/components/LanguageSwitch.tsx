// 中文 / English, remembered in localStorage and reflected in <html lang> (i18n/index.ts).
import { TranslationOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Select<Language>
      value={i18n.language as Language}
      onChange={(language) => void setLanguage(language)}
      aria-label={t('language.label')}
      suffixIcon={<TranslationOutlined aria-hidden />}
      options={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
      popupMatchSelectWidth={false}
      className="language-switch"
    />
  );
}
