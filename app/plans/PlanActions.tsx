'use client';

import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { PLAN_ACTION_RULES, type PlanAction } from '@/geo/plans/plan-states';
import { useTRPC } from '@/app/trpc/client';
import type { PlanView } from '@/server/plans/view';
import { DoneStatus, FailureAlert, useFailure, usePlanRefresh, type Failure } from './plan-client';

/** The moves of plans.move, in the order the page offers them. */
const MOVE_ACTIONS = ['start_review', 'approve', 'return', 'reject', 'submit', 'withdraw'] as const;
type MoveAction = (typeof MOVE_ACTIONS)[number];
const isMove = (a: PlanAction): a is MoveAction => (MOVE_ACTIONS as readonly string[]).includes(a);
/** A return or a rejection says why (the rule's needsComment): it asks in a dialog before it goes. */
const needsReason = (a: MoveAction) => PLAN_ACTION_RULES[a].needsComment;

const TONE: Record<MoveAction, string> = {
  start_review: 'ga-primary',
  approve: 'ga-primary',
  submit: 'ga-primary',
  return: 'ga-secondary pl-caution',
  reject: 'ga-secondary pl-danger',
  withdraw: 'ga-secondary',
};

/**
 * The moves the server offers this viewer (plan.moves; the server checks each again): the others at once
 * with an optional note, a return or a rejection after its reason is written; and the city's filing form
 * when the plan may be filed.
 */
export function PlanActions({ plan, today }: { plan: PlanView; today: string }) {
  const t = useTranslations('review.moves');
  const tActions = useTranslations('review.actions');
  const tStates = useTranslations('review.states');
  const trpc = useTRPC();
  const refresh = usePlanRefresh();
  const describe = useFailure();
  const move = useMutation(trpc.plans.move.mutationOptions());
  const file = useMutation(trpc.plans.file.mutationOptions());
  const [note, setNote] = useState('');
  const [asking, setAsking] = useState<MoveAction | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [filingNumber, setFilingNumber] = useState('');
  const [effectiveDate, setEffectiveDate] = useState(today);
  const trigger = useRef<HTMLButtonElement | null>(null);
  const ids = { note: useId(), number: useId(), date: useId(), dateHint: useId() };
  const busy = move.isPending || file.isPending;

  const moves = plan.moves.filter(isMove).sort((a, b) => MOVE_ACTIONS.indexOf(a) - MOVE_ACTIONS.indexOf(b));
  const canFile = plan.moves.includes('file');
  const plain = moves.filter((a) => !needsReason(a));

  /** Makes the move; true when it went through (a failure is shown where the user is). */
  const makeMove = async (action: MoveAction, comment: string): Promise<boolean> => {
    setFailure(null);
    setDone(null);
    let ok = false;
    try {
      const r = await move.mutateAsync({ draftId: plan.draftId, expectedVersion: plan.version, action, comment: comment.trim() || undefined });
      setDone(t('moved', { action: tActions(action), state: tStates(r.state) }));
      ok = true;
    } catch (err) {
      setFailure(describe(err));
    }
    await refresh({ topology: true });
    return ok;
  };

  const onMove = async (action: MoveAction, button: HTMLButtonElement) => {
    if (needsReason(action)) {
      trigger.current = button;
      setFailure(null);
      setAsking(action);
      return;
    }
    if (await makeMove(action, note)) setNote('');
  };

  const closeDialog = () => {
    setAsking(null);
    trigger.current?.focus();
  };

  const onFile = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setDone(null);
    try {
      await file.mutateAsync({ draftId: plan.draftId, expectedVersion: plan.version, filingNumber: filingNumber.trim(), effectiveDate });
      setDone(t('filed', { number: filingNumber.trim() }));
      setFilingNumber('');
    } catch (err) {
      setFailure(describe(err));
    }
    await refresh({ topology: true });
  };

  return (
    <section className="ga-card pl-actions" aria-labelledby="pl-actions-title">
      <h2 id="pl-actions-title">{t('title')}</h2>
      {!asking && <FailureAlert failure={failure} onReload={() => void refresh({ topology: true })} />}
      <DoneStatus text={done} />
      {moves.length === 0 && !canFile && <p className="ga-muted">{t('none')}</p>}
      {moves.length > 0 && (
        <div className="ga-form">
          {plain.length > 0 && (
            <div className="ga-field">
              <label htmlFor={ids.note}>{t('noteLabel')}</label>
              <textarea id={ids.note} className="pl-textarea" rows={2} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />
            </div>
          )}
          <div className="ga-card-actions pl-move-buttons">
            {moves.map((a) => (
              <button
                key={a}
                type="button"
                className={TONE[a]}
                disabled={busy}
                data-testid={`move-${a}`}
                aria-haspopup={needsReason(a) ? 'dialog' : undefined}
                onClick={(e) => void onMove(a, e.currentTarget)}
              >
                {tActions(a)}
              </button>
            ))}
          </div>
        </div>
      )}
      {canFile && (
        <form className="ga-form pl-file-form" data-testid="file-form" onSubmit={(e) => void onFile(e)} aria-labelledby="pl-file-title">
          <h3 id="pl-file-title">{t('fileTitle')}</h3>
          <div className="ga-form-row">
            <div className="ga-field">
              <label htmlFor={ids.number}>{t('filingNumber')}</label>
              <input id={ids.number} name="filingNumber" required maxLength={60} value={filingNumber} onChange={(e) => setFilingNumber(e.target.value)} autoComplete="off" />
            </div>
            <div className="ga-field">
              <label htmlFor={ids.date}>{t('effectiveDate')}</label>
              <input id={ids.date} name="effectiveDate" type="date" required min={today} value={effectiveDate} aria-describedby={ids.dateHint} onChange={(e) => setEffectiveDate(e.target.value)} />
              <p id={ids.dateHint} className="ga-field-hint">
                {t('effectiveDateHint')}
              </p>
            </div>
          </div>
          <p className="ga-card-actions">
            <button type="submit" className="ga-primary" disabled={busy || !filingNumber.trim() || !effectiveDate} data-testid="file-submit">
              {tActions('file')}
            </button>
          </p>
        </form>
      )}
      {asking && (
        <ReasonDialog
          action={asking}
          busy={busy}
          failure={failure}
          onReload={() => void refresh({ topology: true })}
          onCancel={closeDialog}
          onConfirm={async (reason) => {
            if (await makeMove(asking, reason)) setAsking(null);
          }}
        />
      )}
    </section>
  );
}

/**
 * The reason of a return or a rejection, asked in a modal dialog (rendered at the end of the page, so it
 * sits above everything; Escape or Cancel closes it and focus goes back to the button that opened it).
 */
function ReasonDialog({
  action,
  busy,
  failure,
  onReload,
  onCancel,
  onConfirm,
}: {
  action: MoveAction;
  busy: boolean;
  failure: Failure | null;
  onReload: () => void;
  onCancel: () => void;
  onConfirm: (reason: string) => Promise<void>;
}) {
  const t = useTranslations('review.moves');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const ids = { title: useId(), text: useId(), hint: useId() };
  const kind = action === 'reject' ? 'reject' : 'return';

  useEffect(() => box.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      box.current?.focus();
      return;
    }
    await onConfirm(reason);
  };

  return createPortal(
    <div className="pl-dialog-backdrop">
      <div
        className="pl-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={ids.title}
        data-testid={`move-dialog-${action}`}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onCancel();
          } else if (e.key === 'Tab') {
            // Focus stays in the dialog while it is open (aria-modal): Tab wraps around its controls.
            const focusable = [...e.currentTarget.querySelectorAll<HTMLElement>('textarea, button:not([disabled])')];
            const first = focusable[0];
            const last = focusable[focusable.length - 1];
            if (e.shiftKey && document.activeElement === first) {
              e.preventDefault();
              last?.focus();
            } else if (!e.shiftKey && document.activeElement === last) {
              e.preventDefault();
              first?.focus();
            }
          }
        }}
      >
        <form className="ga-form" onSubmit={(e) => void submit(e)}>
          <h2 id={ids.title}>{t(`${kind}.title`)}</h2>
          <div className="ga-field">
            <label htmlFor={ids.text}>{t(`${kind}.reasonLabel`)}</label>
            <textarea
              id={ids.text}
              ref={box}
              className="pl-textarea"
              rows={4}
              maxLength={4000}
              required
              value={reason}
              aria-invalid={missing || undefined}
              aria-describedby={missing ? ids.hint : undefined}
              onChange={(e) => {
                setReason(e.target.value);
                if (e.target.value.trim()) setMissing(false);
              }}
            />
            {missing && (
              <p id={ids.hint} className="ga-form-error">
                {t('reasonMissing')}
              </p>
            )}
          </div>
          <FailureAlert failure={failure} onReload={onReload} />
          <p className="ga-card-actions">
            <button type="submit" className={kind === 'reject' ? 'ga-primary pl-danger-solid' : 'ga-primary'} disabled={busy} data-testid={`move-confirm-${action}`}>
              {t(`${kind}.confirm`)}
            </button>
            <button type="button" className="ga-secondary" onClick={onCancel}>
              {t('cancel')}
            </button>
          </p>
        </form>
      </div>
    </div>,
    document.body,
  );
}
