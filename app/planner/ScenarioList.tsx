'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { errorText } from '@/app/editor/errors';
import { useTRPC } from '@/app/trpc/client';
import type { ScenarioView } from '@/server/planner/scenarios';
import type { PlannerFormat } from './format';

export interface ScenarioListProps {
  /** Undefined while the list loads. */
  scenarios: ScenarioView[] | undefined;
  current: number | null;
  compared: number[];
  format: PlannerFormat;
  onOpen: (id: number) => void;
  onCompare: (id: number, on: boolean) => void;
  onDeleted: (id: number) => void;
}

/**
 * The saved scenarios and the planner's last run: open one, tick two to compare them, delete one's own
 * (after a question in its row). Another planner's scenario can be read and compared, not deleted.
 */
export function ScenarioList({ scenarios, current, compared, format, onOpen, onCompare, onDeleted }: ScenarioListProps) {
  const t = useTranslations('planner.list');
  const tStatus = useTranslations('planner.list.statuses');
  const [deleting, setDeleting] = useState<number | null>(null);
  const [deleted, setDeleted] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  return (
    <section className="ga-card pn-list" aria-labelledby="pn-list-title" data-testid="planner-list">
      <h2 id="pn-list-title" ref={heading} tabIndex={-1}>
        {t('title')}
      </h2>
      <p className="ga-field-hint">{t('hint')}</p>
      <div role="status" className="ga-alert-region">
        {deleted && <p className="ga-form-ok">{t('deleted', { name: deleted })}</p>}
        {compared.length === 2 && <p className="ga-small">{t('compareReady')}</p>}
      </div>
      {!scenarios ? (
        <p role="status">{t('loading')}</p>
      ) : scenarios.length === 0 ? (
        <p className="ga-muted">{t('none')}</p>
      ) : (
        <ul className="pn-scenarios">
          {scenarios.map((s) => {
            const checked = compared.includes(s.id);
            return (
              <li key={s.id} className={s.id === current ? 'pn-scenario-item pn-scenario-open' : 'pn-scenario-item'} data-scenario-id={s.id} data-testid="planner-list-item">
                <button type="button" className="pn-scenario-open-button" aria-current={s.id === current ? 'true' : undefined} onClick={() => onOpen(s.id)}>
                  {s.name}
                </button>
                <span className="pn-scenario-item-meta ga-small">
                  {s.scopeName} · {t('range', { min: format.count(s.params.householdsMin), max: format.count(s.params.householdsMax) })} ·{' '}
                  <span className={`pn-badge pn-badge-${s.status}`}>{tStatus(s.status)}</span> <span className="pn-badge">{s.saved ? t('saved') : t('lastRun')}</span>
                  {s.promotedAt && <span className="pn-badge pn-badge-promoted">{t('promoted')}</span>}
                </span>
                <span className="pn-scenario-item-meta ga-small ga-muted">
                  {s.mine ? t('mine') : s.createdBy} · {format.moment(s.createdAt)}
                </span>
                <span className="pn-scenario-item-actions">
                  <label className="pn-check">
                    <input
                      type="checkbox"
                      checked={checked}
                      disabled={s.status !== 'done' || (!checked && compared.length >= 2)}
                      onChange={(e) => onCompare(s.id, e.target.checked)}
                      aria-label={t('compareWhat', { name: s.name })}
                    />
                    <span aria-hidden="true">{t('compare')}</span>
                  </label>
                  {s.mine && s.status !== 'running' && !s.promotedAt && deleting !== s.id && (
                    <button
                      type="button"
                      className="ga-link"
                      onClick={() => {
                        setDeleted(null);
                        setDeleting(s.id);
                      }}
                    >
                      {t('delete')}
                      <span className="ga-visually-hidden">{t('deleteWhat', { name: s.name })}</span>
                    </button>
                  )}
                </span>
                {deleting === s.id && (
                  <DeleteConfirm
                    scenario={s}
                    onCancel={() => setDeleting(null)}
                    onDeleted={() => {
                      setDeleting(null);
                      setDeleted(s.name);
                      onDeleted(s.id);
                      heading.current?.focus();
                    }}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
      {compared.length === 1 && <p className="ga-small ga-muted">{t('compareOneMore')}</p>}
    </section>
  );
}

function DeleteConfirm({ scenario, onCancel, onDeleted }: { scenario: ScenarioView; onCancel: () => void; onDeleted: () => void }) {
  const t = useTranslations('planner.list');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const confirm = useRef<HTMLButtonElement>(null);
  const questionId = `pn-delete-${scenario.id}`;
  useEffect(() => confirm.current?.focus(), []);
  const remove = useMutation(
    trpc.planner.delete.mutationOptions({
      onSuccess: () => {
        queryClient.setQueryData(trpc.planner.list.queryKey(), (old) => old?.filter((s) => s.id !== scenario.id));
        queryClient.removeQueries(trpc.planner.get.queryFilter({ id: scenario.id }));
        onDeleted();
      },
      onSettled: () => queryClient.invalidateQueries(trpc.planner.list.queryFilter()),
    }),
  );
  return (
    <div className="pn-confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId}>{t('deleteQuestion', { name: scenario.name })}</p>
      <div role="alert" className="ga-alert-region">
        {remove.error && <p className="ga-form-error">{errorText(remove.error, locale, t('deleteFailed')).text}</p>}
      </div>
      <button type="button" ref={confirm} className="ga-primary pn-danger" aria-describedby={questionId} disabled={remove.isPending} onClick={() => remove.mutate({ id: scenario.id })}>
        {t('deleteConfirm')}
      </button>{' '}
      <button type="button" className="ga-secondary" disabled={remove.isPending} onClick={onCancel}>
        {t('deleteCancel')}
      </button>
    </div>
  );
}
