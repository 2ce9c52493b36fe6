/**
 * The strip under the text: the word and character counts, and the document's language and
 * typography behind « Français · typographie auto » (a Radix popover: focus moves in, Escape closes
 * and focus returns to the button). Sticks to the bottom of the window on wide screens, so the
 * count stays in sight while writing a section with a length limit.
 */
import type { Editor } from '@tiptap/core';
import { Popover } from 'radix-ui';
import { Languages } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { DocumentResponse } from '../../shared/api';
import { DocumentSettings, type TextSettings } from './DocumentSettings';
import { WordCount } from './WordCount';

interface Props {
  editor: Editor;
  documentId: string;
  settings: TextSettings;
  canEdit: boolean;
  onInfo: (info: DocumentResponse) => void;
}

export function StatusBar({ editor, documentId, settings, canEdit, onInfo }: Props) {
  const { t } = useTranslation();
  const language = t(`documentSettings.languages.${settings.language}`);
  const summary = settings.frenchTypography ? t('statusBar.withTypography', { language }) : language;
  return (
    <div className="doc-status-bar" role="group" data-testid="status-bar" aria-label={t('statusBar.label')}>
      <WordCount editor={editor} />
      <Popover.Root>
        <Popover.Trigger asChild>
          <button type="button" className="button-quiet button-compact" data-testid="document-settings-open" aria-label={t('statusBar.settingsLabel', { summary })}>
            <Languages aria-hidden="true" size={16} />
            <span>{summary}</span>
          </button>
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content className="popover" side="top" align="end" sideOffset={6} collisionPadding={8} data-testid="document-settings-popover" aria-label={t('documentSettings.label')}>
            <DocumentSettings documentId={documentId} language={settings.language} typography={settings.typography} canEdit={canEdit} onChanged={onInfo} />
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
    </div>
  );
}
