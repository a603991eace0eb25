'use client';

import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { useTRPC } from '@/app/trpc/client';
import { textIn } from '@/geo/text/localized-text';
import { CasePanel } from './CasePanel';
import { firstLine, groupCases, MY_CASES_REFRESH_MS } from './case-format';
import { AlertRegion, useCategories, useFailureText, useIncidentFormat } from './report-client';

/**
 * The grid worker's cases (我的案件): those dispatched to them and those of their grids waiting for their
 * check on site, in groups; each opens its panel with the history and the steps the worker may take.
 */
export function MyCases({ workerIds }: { workerIds: readonly number[] }) {
  const t = useTranslations('incidents.mine');
  const tState = useTranslations('incidents.state');
  const locale = useLocale();
  const trpc = useTRPC();
  const fmt = useIncidentFormat();
  const failureText = useFailureText();
  const categories = useCategories();
  const [open, setOpen] = useState<number | null>(null);
  const back = useRef<number | null>(null);
  const list = useQuery(
    trpc.incidents.list.queryOptions({ mine: true, limit: 100 }, { staleTime: 0, refetchInterval: MY_CASES_REFRESH_MS, refetchOnWindowFocus: true }),
  );

  // Back from a case: the focus returns to its line in the list.
  useEffect(() => {
    if (open === null && back.current !== null) {
      document.getElementById(`rp-case-${back.current}`)?.focus();
      back.current = null;
    }
  }, [open]);

  if (open !== null) {
    return (
      <CasePanel
        id={open}
        onBack={() => {
          back.current = open;
          setOpen(null);
        }}
      />
    );
  }

  const categoryName = (code: string) => {
    const c = categories.data?.categories.find((x) => x.code === code);
    return c ? textIn(c.name, locale) : code;
  };
  const items = list.data ?? [];
  const groups = groupCases(items, workerIds);

  return (
    <section className="rp-cases" aria-labelledby="rp-cases-title">
      <div className="rp-cases-head">
        <h2 id="rp-cases-title">{t('title')}</h2>
        <button type="button" className="ga-secondary rp-button" onClick={() => void list.refetch()} disabled={list.isFetching}>
          {t('refresh')}
        </button>
      </div>
      <p className="rp-cases-status" role="status" aria-live="polite">
        {list.isPending ? t('loading') : list.data ? (items.length === 0 ? t('empty') : t('count', { count: items.length })) : ''}
      </p>
      {list.dataUpdatedAt > 0 && <p className="ga-field-hint rp-hint">{t('updated', { time: fmt.time(list.dataUpdatedAt) })}</p>}
      <AlertRegion text={list.error ? failureText(list.error).text : null} />
      {groups.map(({ group, items: members }) => {
        if (members.length === 0) return null;
        const body = (
          <ul className="rp-case-list" aria-labelledby={`rp-group-${group}`}>
            {members.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  id={`rp-case-${c.id}`}
                  className={`rp-case${c.overdue ? ' rp-case-overdue' : ''}`}
                  onClick={() => setOpen(c.id)}
                >
                  <span className="rp-case-top">
                    <span className="rp-case-code">{c.code}</span>
                    <span className={`rp-state rp-state-${c.status}`}>{tState(c.status)}</span>
                    {c.overdue && <span className="rp-overdue">{t('overdue')}</span>}
                  </span>
                  <span className="rp-case-category">{categoryName(c.category)}</span>
                  {c.addressText && <span className="rp-case-place">{c.addressText}</span>}
                  <span className="rp-case-desc">{firstLine(c.description)}</span>
                  {c.stageDueAt && <span className="rp-case-due">{t('due', { time: fmt.moment(c.stageDueAt) })}</span>}
                </button>
              </li>
            ))}
          </ul>
        );
        const heading = t(`groups.${group}`, { count: members.length });
        return group === 'over' ? (
          <details key={group} className="rp-case-group">
            <summary>
              <h3 id={`rp-group-${group}`} className="rp-group-title">
                {heading}
              </h3>
            </summary>
            {body}
          </details>
        ) : (
          <div key={group} className="rp-case-group">
            <h3 id={`rp-group-${group}`} className="rp-group-title">
              {heading}
            </h3>
            {body}
          </div>
        );
      })}
    </section>
  );
}
