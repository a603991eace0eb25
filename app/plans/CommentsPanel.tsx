'use client';

import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTRPC } from '@/app/trpc/client';
import type { PlanComment } from '@/server/plans/comments';
import type { CommentPlace } from './comment-sketch';
import { DoneStatus, FailureAlert, useFailure, usePlanFormat, usePlanRefresh, type Failure } from './plan-client';

export interface CommentsPanelProps {
  draftId: number;
  comments: readonly PlanComment[] | undefined;
  loadError: string | null;
  /** The street's editors resolve threads (the server checks the role over the street). */
  canResolve: boolean;
  selected: number | null;
  onSelect: (c: PlanComment) => void;
  /** The place pinned or drawn on the map for the comment being written. */
  pendingPlace: CommentPlace | null;
  onClearPlace: () => void;
  composer: RefObject<HTMLTextAreaElement | null>;
}

/**
 * Review comments: threads (a comment and its replies), pinned to a point or an area or to the plan as a
 * whole; a new comment, a reply, and resolving or reopening a thread. A comment is not a write of the plan
 * (no version), so it never goes stale.
 */
export function CommentsPanel(props: CommentsPanelProps) {
  const { draftId, comments, canResolve, selected } = props;
  const t = useTranslations('review.comments');
  const trpc = useTRPC();
  const refresh = usePlanRefresh();
  const describe = useFailure();
  const add = useMutation(trpc.plans.addComment.mutationOptions());
  const [body, setBody] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const threads = (comments ?? []).filter((c) => c.parentId === null);
  const repliesOf = (id: number) => (comments ?? []).filter((c) => c.parentId === id);
  const open = threads.filter((c) => !c.resolvedAt).length;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    setFailure(null);
    setDone(null);
    try {
      await add.mutateAsync({ draftId, body: body.trim(), place: props.pendingPlace ?? undefined });
      setBody('');
      props.onClearPlace();
      setDone(t('added'));
    } catch (err) {
      setFailure(describe(err));
    }
    await refresh({ topology: false });
  };

  return (
    // Not named by its heading: the comment box is the one control labelled 意见/comment before the threads.
    <section className="ga-card ga-card-wide pl-comments" data-testid="plan-comments">
      <h2 id="pl-comments-title">
        {t('title')} <span className="pl-chip-count">{t('openCount', { count: open })}</span>
      </h2>
      {props.loadError && (
        <div role="alert">
          <p className="ga-form-error">{props.loadError}</p>
        </div>
      )}
      <form className="ga-form pl-composer" onSubmit={(e) => void onSubmit(e)} data-testid="comment-form">
        <p className="ga-small" data-testid="comment-place">
          {props.pendingPlace ? (
            <>
              {t(props.pendingPlace.type === 'Point' ? 'placePoint' : 'placeArea')}{' '}
              <button type="button" className="ga-link" onClick={props.onClearPlace}>
                {t('clearPlace')}
              </button>
            </>
          ) : (
            <span className="ga-muted">{t('placeNone')}</span>
          )}
        </p>
        <textarea
          ref={props.composer}
          className="pl-textarea"
          rows={3}
          maxLength={4000}
          aria-label={t('bodyLabel')}
          placeholder={t('bodyPlaceholder')}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
        <FailureAlert failure={failure} />
        <DoneStatus text={done} />
        <p className="ga-card-actions">
          <button type="submit" className="ga-primary" disabled={add.isPending || !body.trim()} data-testid="comment-submit">
            {t('submit')}
          </button>
        </p>
      </form>
      {comments && threads.length === 0 && <p className="ga-muted">{t('empty')}</p>}
      {threads.length > 0 && (
        <ul className="pl-threads">
          {threads.map((c) => (
            <Thread key={c.id} comment={c} replies={repliesOf(c.id)} draftId={draftId} canResolve={canResolve} selected={c.id === selected} onSelect={props.onSelect} />
          ))}
        </ul>
      )}
    </section>
  );
}

function Thread({
  comment,
  replies,
  draftId,
  canResolve,
  selected,
  onSelect,
}: {
  comment: PlanComment;
  replies: PlanComment[];
  draftId: number;
  canResolve: boolean;
  selected: boolean;
  onSelect: (c: PlanComment) => void;
}) {
  const t = useTranslations('review.comments');
  const trpc = useTRPC();
  const fmt = usePlanFormat();
  const refresh = usePlanRefresh();
  const describe = useFailure();
  const add = useMutation(trpc.plans.addComment.mutationOptions());
  const resolve = useMutation(trpc.plans.resolveComment.mutationOptions());
  const [replying, setReplying] = useState(false);
  const [reply, setReply] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const root = useRef<HTMLElement>(null);
  const replyBox = useRef<HTMLTextAreaElement>(null);
  const resolved = comment.resolvedAt !== null;

  // Chosen on the map: bring the thread into view (focus moves to it, so a screen reader reads it).
  useEffect(() => {
    if (!selected || !root.current || root.current.contains(document.activeElement)) return;
    root.current.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    root.current.focus({ preventScroll: true });
  }, [selected]);
  useEffect(() => {
    if (replying) replyBox.current?.focus();
  }, [replying]);

  const onReply = async (e: FormEvent) => {
    e.preventDefault();
    if (!reply.trim()) return;
    setFailure(null);
    try {
      await add.mutateAsync({ draftId, body: reply.trim(), parentId: comment.id });
      setReply('');
      setReplying(false);
    } catch (err) {
      setFailure(describe(err));
    }
    await refresh({ topology: false });
  };

  const onResolve = async () => {
    setFailure(null);
    try {
      await resolve.mutateAsync({ draftId, commentId: comment.id, resolved: !resolved });
    } catch (err) {
      setFailure(describe(err));
    }
    await refresh({ topology: false });
  };

  const placeKind = comment.place ? (comment.place.type === 'Point' ? 'point' : 'area') : null;
  return (
    <li
      className={['pl-thread', selected && 'pl-thread-on', resolved && 'pl-thread-resolved'].filter(Boolean).join(' ')}
      data-testid="comment-thread"
      data-comment-id={comment.id}
      data-resolved={resolved}
    >
      <article ref={root} tabIndex={-1} aria-label={t('threadLabel', { author: comment.authorName })}>
        <p className="pl-comment-meta">
          <strong>{comment.authorName}</strong> <span className="ga-muted ga-small">{fmt.moment(comment.createdAt)}</span>
          {placeKind && <span className="pl-tag">{t(placeKind === 'point' ? 'onPoint' : 'onArea')}</span>}
          {resolved && (
            <span className="pl-tag pl-tag-resolved">{t('resolvedBy', { name: comment.resolvedBy, at: fmt.moment(comment.resolvedAt) })}</span>
          )}
        </p>
        <p className="pl-comment-body">{comment.body}</p>
        {replies.length > 0 && (
          <ul className="pl-replies" aria-label={t('repliesLabel', { count: replies.length })}>
            {replies.map((r) => (
              <li key={r.id} data-comment-id={r.id}>
                <p className="pl-comment-meta">
                  <strong>{r.authorName}</strong> <span className="ga-muted ga-small">{fmt.moment(r.createdAt)}</span>
                </p>
                <p className="pl-comment-body">{r.body}</p>
              </li>
            ))}
          </ul>
        )}
        <FailureAlert failure={failure} />
        <p className="pl-thread-actions">
          {comment.place && (
            <button type="button" className="ga-link" onClick={() => onSelect(comment)} data-testid="comment-show">
              {t('show')}
            </button>
          )}
          <button type="button" className="ga-link" aria-expanded={replying} onClick={() => setReplying((v) => !v)} data-testid="comment-reply">
            {t('reply')}
          </button>
          {canResolve && (
            <button type="button" className="ga-link" disabled={resolve.isPending} onClick={() => void onResolve()} data-testid="comment-resolve">
              {resolved ? t('reopen') : t('resolve')}
            </button>
          )}
        </p>
        {replying && (
          <form className="ga-form pl-reply-form" onSubmit={(e) => void onReply(e)}>
            <textarea
              ref={replyBox}
              className="pl-textarea"
              rows={2}
              maxLength={4000}
              aria-label={t('replyLabel', { author: comment.authorName })}
              value={reply}
              onChange={(e) => setReply(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setReplying(false);
              }}
            />
            <p className="ga-card-actions">
              <button type="submit" className="ga-primary" disabled={add.isPending || !reply.trim()} data-testid="comment-reply-submit">
                {t('sendReply')}
              </button>
              <button type="button" className="ga-secondary" onClick={() => setReplying(false)}>
                {t('cancel')}
              </button>
            </p>
          </form>
        )}
      </article>
    </li>
  );
}
