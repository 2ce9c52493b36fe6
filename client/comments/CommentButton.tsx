/**
 * Ways to start a comment on the selection: a button (in the toolbar, or alone for members who
 * may comment but not edit) and a small action that appears beside a selection. Ctrl+Alt+M is
 * the keyboard way (see commentHighlights.ts).
 */
import { useState } from 'react';
import type { Editor } from '@tiptap/react';
import { BubbleMenu } from '@tiptap/react/menus';
import { useTranslation } from 'react-i18next';
import { Toolbar } from 'radix-ui';
import { CommentIcon } from '../app/icons';

/** The "Comment" button of a toolbar (inside a Radix Toolbar); says to select a passage first when nothing is selected. */
export function CommentButton({ onStart, testId = 'comment-button' }: { onStart: () => boolean; testId?: string }) {
  const { t } = useTranslation();
  const [hint, setHint] = useState(false);
  return (
    <span className="comment-button">
      <Toolbar.Button
        type="button"
        className="tool tool-text"
        title={t('comments.addShortcut')}
        aria-keyshortcuts="Control+Alt+M"
        // Keep the editor's selection: a mouse-down on the button would otherwise blur it.
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => setHint(!onStart())}
        data-testid={testId}
      >
        <CommentIcon /> {t('comments.add')}
      </Toolbar.Button>
      {hint && <span className="comment-hint" role="status">{t('comments.selectFirst')}</span>}
    </span>
  );
}

/** "Comment" beside any non-empty selection, for editors and commenters alike. */
export function SelectionCommentMenu({ editor, onStart }: { editor: Editor; onStart: () => boolean }) {
  const { t } = useTranslation();
  return (
    <BubbleMenu editor={editor} pluginKey="commentBubble" shouldShow={({ state }) => !state.selection.empty} className="selection-menu">
      <button type="button" className="button-quiet" onMouseDown={(e) => e.preventDefault()} onClick={() => onStart()} data-testid="selection-comment">
        <CommentIcon /> {t('comments.add')}
      </button>
    </BubbleMenu>
  );
}
