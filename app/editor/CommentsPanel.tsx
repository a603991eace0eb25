'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import type { PlanComment } from '@/server/plans/comments';
import type { CommentThread } from './plan-workflow';

export interface CommentsPanelProps {
  threads: CommentThread<PlanComment>[];
  loading: boolean;
  error: string | null;
  focused: number | null;
  /** Flies the map to the thread's place (when it has one) and marks it. */
  onFocus: (thread: CommentThread<PlanComment>) => void;
  onReply: (parentId: number, body: string) => Promise<boolean>;
  onResolve: (commentId: number, resolved: boolean) => void;
  busy: boolean;
}

function ReplyForm({ busy, onReply }: { busy: boolean; onReply: (body: string) => Promise<boolean> }) {
  const t = useTranslations('workflow.comments');
  const [body, setBody] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    if (await onReply(body.trim())) setBody('');
  };
  return (
    <form className="ed-comment-reply" onSubmit={(e) => void submit(e)}>
      <label>
        <span className="ga-visually-hidden">{t('replyLabel')}</span>
        <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={2} maxLength={4000} placeholder={t('replyPlaceholder')} data-testid="editor-comment-reply-text" />
      </label>
      <button type="submit" className="ed-fix" disabled={busy || !body.trim()} data-testid="editor-comment-reply">
        {t('reply')}
      </button>
    </form>
  );
}

/**
 * The reviewers' comments on this plan, thread by thread: what was said where (a click frames its place on
 * the map, drawn in magenta), the replies, and the editor's answer or "dealt with".
 */
export function CommentsPanel({ threads, loading, error, focused, onFocus, onReply, onResolve, busy }: CommentsPanelProps) {
  const t = useTranslations('workflow.comments');
  const format = useFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  const open = threads.filter((th) => !th.comment.resolvedAt).length;
  return (
    <section className="ed-comments" aria-labelledby="ed-comments-heading" data-testid="editor-comments" aria-busy={loading}>
      <h2 id="ed-comments-heading">
        {t('heading')} <span className="ed-badge">{t('openCount', { count: open })}</span>
      </h2>
      {error && (
        <p role="alert" className="ed-error">
          {error}
        </p>
      )}
      {!error && !loading && threads.length === 0 && <p className="ed-selection-hint">{t('none')}</p>}
      <ol className="ed-comment-list">
        {threads.map((th) => {
          const c = th.comment;
          const resolved = c.resolvedAt !== null;
          return (
            <li
              key={c.id}
              className={`ed-comment${c.id === focused ? ' ed-comment-focused' : ''}${resolved ? ' ed-comment-resolved' : ''}`}
              data-testid="editor-comment"
              data-comment-id={c.id}
              data-resolved={resolved}
            >
              <button type="button" className="ed-comment-button" onClick={() => onFocus(th)} aria-pressed={c.id === focused}>
                <span className="ed-comment-meta">
                  <strong>{c.authorName}</strong> · {when(c.createdAt)}
                  {c.place ? <span className="ed-comment-pin">{t('pinned')}</span> : null}
                </span>
                <span className="ed-comment-body">{c.body}</span>
              </button>
              {th.replies.length > 0 && (
                <ul className="ed-comment-replies">
                  {th.replies.map((r) => (
                    <li key={r.id} data-testid="editor-comment-reply-item">
                      <span className="ed-comment-meta">
                        <strong>{r.authorName}</strong> · {when(r.createdAt)}
                      </span>
                      <span className="ed-comment-body">{r.body}</span>
                    </li>
                  ))}
                </ul>
              )}
              {resolved ? (
                <p className="ed-comment-state">
                  {t('resolvedBy', { name: c.resolvedBy, at: when(c.resolvedAt!) })}{' '}
                  <button type="button" className="ed-fix" disabled={busy} onClick={() => onResolve(c.id, false)}>
                    {t('reopen')}
                  </button>
                </p>
              ) : (
                <>
                  <ReplyForm busy={busy} onReply={(body) => onReply(c.id, body)} />
                  <button type="button" className="ed-fix" disabled={busy} onClick={() => onResolve(c.id, true)} data-testid="editor-comment-resolve">
                    {t('resolve')}
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
