/**
 * One thread in the comments panel: the passage it is about (or that it was about, when the
 * passage was deleted), its comments with their mentions, and reply / edit / delete / resolve.
 * Comment text is rendered as React text nodes: markup in it is shown, never interpreted.
 */
import { forwardRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentView, MemberSummary, ThreadView } from '../../shared/api';
import { commentsApi } from '../api/trame';
import { errorMessage } from '../api/errorMessage';
import { formatDate, formatRelative } from '../app/format';
import { Avatar } from '../presence/Avatar';
import { CommentComposer } from './CommentComposer';
import { splitMentions } from './mentions';

interface Props {
  thread: ThreadView;
  me: MemberSummary;
  detached: boolean;
  active: boolean;
  canComment: boolean;
  online: boolean;
  mentionable: readonly MemberSummary[];
  onActivate: () => void;
  put: (thread: ThreadView) => void;
  putComment: (comment: CommentView) => void;
  drop: (threadId: string) => void;
  /** Told just before a resolve or reopen is applied (the thread may then leave the list shown). */
  onToggled?: (threadId: string) => void;
  style?: React.CSSProperties;
}

/** A comment's text with its mentions marked. */
export function MentionText({ comment }: { comment: CommentView }) {
  return (
    <p className="comment-body" data-testid="comment-body">
      {splitMentions(comment.body, comment.mentions).map((part, index) =>
        part.member ? (
          <span key={index} className="mention" data-member-id={part.member.id}>
            {part.text}
          </span>
        ) : (
          part.text
        ),
      )}
    </p>
  );
}

/** A thread card; `ref` lets the panel measure it to align it with its passage. */
export const ThreadCard = forwardRef<HTMLElement, Props>(function ThreadCard(
  { thread, me, detached, active, canComment, online, mentionable, onActivate, put, putComment, drop, onToggled, style },
  ref,
) {
  const { t } = useTranslation();
  const [editingId, setEditingId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const quote = thread.anchor.quote.length > 60 ? `${thread.anchor.quote.slice(0, 60)}…` : thread.anchor.quote;

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  const remove = (comment: CommentView) =>
    run(async () => {
      if (!window.confirm(t('comments.deleteConfirm'))) return;
      await commentsApi.remove(comment.id);
      const rest = thread.comments.filter((c) => c.id !== comment.id);
      if (rest.length === 0) drop(thread.id);
      else put({ ...thread, comments: rest });
    });

  // Busy, the button says so (aria-disabled) but keeps the focus, which a disabled one would drop
  // to the top of the page when the thread stays in the list (« Les miens »).
  const toggleResolved = () =>
    !busy &&
    run(async () => {
      const next = await (thread.resolved ? commentsApi.reopen(thread.id) : commentsApi.resolve(thread.id));
      onToggled?.(thread.id);
      put(next);
    });

  return (
    <article
      ref={ref}
      className={`thread-card${active ? ' active' : ''}${thread.resolved ? ' resolved' : ''}`}
      style={style}
      aria-label={t('comments.thread', { quote })}
      aria-current={active ? 'true' : undefined}
      data-testid="thread-card"
      data-thread-id={thread.id}
      data-detached={detached}
      // Focusable by script only: where the focus goes when the thread before it is resolved.
      tabIndex={-1}
      onClick={onActivate}
      onFocus={() => {
        if (!active) onActivate();
      }}
    >
      {detached ? (
        <p className="thread-detached" data-testid="thread-detached">
          <span className="visually-hidden">{t('comments.quote')} : </span>
          {t('comments.detached')} — <q>{quote}</q>
        </p>
      ) : (
        <p className="thread-quote">
          <span className="visually-hidden">{t('comments.quote')} : </span>
          <q>{quote}</q>
        </p>
      )}
      <ol className="comment-list">
        {thread.comments.map((comment) => (
          <li key={comment.id} className="comment" data-testid="comment" data-comment-id={comment.id}>
            <div className="comment-meta">
              <Avatar member={comment.author} label={comment.author.name} />
              <span className="comment-author">{comment.author.name}</span>
              <time dateTime={comment.createdAt} title={formatDate(comment.createdAt)} className="muted">
                {formatRelative(comment.createdAt)}
              </time>
              {comment.editedAt && <span className="muted">{t('comments.edited')}</span>}
            </div>
            {editingId === comment.id ? (
              <CommentComposer
                label={t('comments.editLabel')}
                placeholder={t('comments.placeholder')}
                submitLabel={t('comments.save')}
                members={mentionable}
                online={online}
                initialText={comment.body}
                initialMentions={comment.mentions}
                autoFocus
                onSubmit={async (body, mentions) => {
                  putComment(await commentsApi.edit(comment.id, { body, mentions }));
                  setEditingId(null);
                }}
                onCancel={() => setEditingId(null)}
                testId="comment-edit"
                draftKey={`edit:${comment.id}`}
              />
            ) : (
              <MentionText comment={comment} />
            )}
            {comment.author.id === me.id && canComment && editingId !== comment.id && (
              <div className="comment-actions">
                <button type="button" className="button-link" disabled={busy} onClick={() => setEditingId(comment.id)} data-testid="comment-edit-button">
                  {t('comments.edit')}
                </button>
                <button type="button" className="button-link" disabled={busy} onClick={() => void remove(comment)} data-testid="comment-delete">
                  {t('comments.delete')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
      {thread.resolved && (
        <p className="thread-resolved muted" data-testid="thread-resolved">
          {t('comments.resolvedBy', { name: thread.resolved.by.name, time: formatRelative(thread.resolved.at) })}
        </p>
      )}
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="thread-actions">
        {thread.canResolve && (
          <button type="button" className="button-quiet" disabled={!online} aria-disabled={busy || undefined} onClick={() => void toggleResolved()} data-testid={thread.resolved ? 'thread-reopen' : 'thread-resolve'}>
            {thread.resolved ? t('comments.reopen') : t('comments.resolve')}
          </button>
        )}
      </div>
      {active && canComment && !thread.resolved && (
        <CommentComposer
          label={t('comments.replyLabel')}
          placeholder={t('comments.replyPlaceholder')}
          submitLabel={t('comments.submitReply')}
          members={mentionable}
          online={online}
          onSubmit={async (body, mentions) => putComment(await commentsApi.reply(thread.id, { body, mentions }))}
          testId="reply"
          draftKey={`reply:${thread.id}`}
        />
      )}
    </article>
  );
});
