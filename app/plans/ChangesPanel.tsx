'use client';

import { useTranslations } from 'next-intl';
import type { GridDiffEntry } from '@/server/plans/diff';
import { usePlanFormat } from './plan-client';
import { changeId } from './plan-map-layers';

type Group = 'added' | 'removed' | 'changed';
const GROUPS: readonly Group[] = ['added', 'removed', 'changed'];
const groupOf = (c: GridDiffEntry): Group => (c.change === 'added' ? 'added' : c.change === 'removed' ? 'removed' : 'changed');

/** The changes in the order the lists show them and previous/next steps through: added, removed, changed. */
export function orderedChanges(changes: readonly GridDiffEntry[]): GridDiffEntry[] {
  return GROUPS.flatMap((g) => changes.filter((c) => groupOf(c) === g));
}

/**
 * The plan's changes in three lists; each entry frames its grid on the map and highlights it. Previous
 * and next step through all of them.
 */
export function ChangesPanel({ changes, selected, onSelect }: { changes: readonly GridDiffEntry[]; selected: string | null; onSelect: (c: GridDiffEntry) => void }) {
  const t = useTranslations('review.changes');
  const tAttr = useTranslations('review.attributes');
  const fmt = usePlanFormat();
  const all = orderedChanges(changes);
  const index = all.findIndex((c) => changeId(c) === selected);
  const step = (d: 1 | -1) => {
    if (all.length === 0) return;
    const next = index < 0 ? (d === 1 ? 0 : all.length - 1) : (index + d + all.length) % all.length;
    onSelect(all[next]!);
  };

  const detail = (c: GridDiffEntry) => {
    if (c.change === 'attributes') return t('attributesChanged', { list: c.changedAttributes.map((a) => (tAttr.has(a) ? tAttr(a) : a)).join('、') });
    if (c.change === 'reshaped') {
      const attrs = c.changedAttributes.length ? ` · ${t('attributesChanged', { list: c.changedAttributes.map((a) => (tAttr.has(a) ? tAttr(a) : a)).join('、') })}` : '';
      return `${t('areaChange', { before: fmt.area(c.areaBeforeM2), after: fmt.area(c.areaAfterM2) })}${attrs}`;
    }
    if (c.change === 'added') return t('area', { area: fmt.area(c.areaAfterM2) });
    return t('area', { area: fmt.area(c.areaBeforeM2) });
  };

  return (
    <section className="pl-changes" aria-labelledby="pl-changes-title">
      <h2 id="pl-changes-title">{t('title')}</h2>
      <div className="pl-stepper" role="group" aria-label={t('stepper')}>
        <button type="button" className="ga-secondary" onClick={() => step(-1)} disabled={all.length === 0} data-testid="change-previous">
          {t('previous')}
        </button>
        <span className="pl-stepper-pos" aria-live="polite">
          {all.length === 0 ? t('noChanges') : index < 0 ? t('count', { total: all.length }) : t('position', { n: index + 1, total: all.length })}
        </span>
        <button type="button" className="ga-secondary" onClick={() => step(1)} disabled={all.length === 0} data-testid="change-next">
          {t('next')}
        </button>
      </div>
      {GROUPS.map((g) => {
        const entries = all.filter((c) => groupOf(c) === g);
        return (
          <div key={g} className={`pl-change-group pl-change-group-${g}`}>
            <h3 id={`pl-changes-${g}`}>
              {t(`groups.${g}`)} <span className="pl-chip-count">{entries.length}</span>
            </h3>
            {entries.length === 0 && <p className="ga-muted ga-small pl-change-none">{t('none')}</p>}
            <ul className="pl-change-list" aria-labelledby={`pl-changes-${g}`} data-testid={`diff-list-${g}`}>
              {entries.map((c) => {
                const id = changeId(c);
                const on = id === selected;
                return (
                  <li key={id} data-change={c.change} data-code={c.code ?? undefined} data-key={c.key ?? undefined}>
                    <button type="button" className={on ? 'pl-change pl-change-on' : 'pl-change'} aria-pressed={on} onClick={() => onSelect(c)}>
                      <span className={`pl-swatch pl-swatch-${c.change}`} aria-hidden="true" />
                      <span className="pl-change-text">
                        <span className="pl-change-name">
                          {c.name || t('unnamed')}
                          {c.change === 'reshaped' && <span className="ga-visually-hidden"> ({t('kinds.reshaped')})</span>}
                          {c.change === 'attributes' && <span className="ga-visually-hidden"> ({t('kinds.attributes')})</span>}
                        </span>
                        <span className="ga-mono ga-small">{c.code ?? t('noCode')}</span>
                        <span className="ga-small ga-muted">{detail(c)}</span>
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
