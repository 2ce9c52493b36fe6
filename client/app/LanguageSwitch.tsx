/** FR / EN switch; the choice is remembered (see client/i18n.ts). */
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '../i18n';

/**
 * Two toggle buttons, FR and EN, in a labelled group. Each one's name is its visible code followed
 * by the language's own name (« FR — Français »), so that it contains what is shown (a voice
 * command « FR » finds it) and still says which language it is, in that language (`lang`).
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          title={t(`language.${language}`)}
          aria-pressed={i18n.resolvedLanguage === language}
          data-testid={`lang-${language}`}
          onClick={() => void setLanguage(language)}
        >
          {language.toUpperCase()}
          <span className="visually-hidden"> — {t(`language.${language}`)}</span>
        </button>
      ))}
    </div>
  );
}
