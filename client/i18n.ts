/**
 * i18next set-up: French by default, English on request. The choice is kept in localStorage and
 * `?lang=en|fr` in the URL overrides it (handy for links sent to English-speaking partners).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { fr } from '../shared/i18n/fr';
import { en } from '../shared/i18n/en';

/** Languages the interface is available in. */
export const LANGUAGES = ['fr', 'en'] as const;
/** One of the interface languages. */
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'trame:lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof fr };
  }
}

const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

/** Reads the language from the URL, then from storage; French otherwise. */
function initialLanguage(): Language {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (isLanguage(fromUrl)) {
    rememberLanguage(fromUrl);
    return fromUrl;
  }
  const stored = safeStorageGet(STORAGE_KEY);
  return isLanguage(stored) ? stored : 'fr';
}

function safeStorageGet(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    // Storage can be disabled (privacy settings); the default language still works.
    return null;
  }
}

function rememberLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered across visits, but the switch still applies to this page.
  }
}

/** Switches the interface language and remembers it for the next visits. */
export async function setLanguage(language: Language): Promise<void> {
  rememberLanguage(language);
  await i18next.changeLanguage(language);
}

/** The current interface language. */
export function currentLanguage(): Language {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : 'fr';
}

i18next.on('languageChanged', (language) => {
  // Screen readers pick their pronunciation from <html lang>.
  document.documentElement.lang = language;
});

void i18next.use(initReactI18next).init({
  resources: { fr: { translation: fr }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'fr',
  supportedLngs: [...LANGUAGES],
  // React already escapes everything it renders.
  interpolation: { escapeValue: false },
  returnNull: false,
  // Resources are bundled: initialise synchronously so the first render is already translated.
  initAsync: false,
  react: { useSuspense: false },
});

export default i18next;
