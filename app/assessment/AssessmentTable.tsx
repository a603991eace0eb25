'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { textIn } from '@/geo/text/localized-text';
import type { AssessmentGroup, AssessmentRow } from '@/server/incidents/assessment';
import type { AssessmentFormat } from './format';
import { cellValue, isHourColumn, numericKind, type ColumnId, type Figures, type NumericColumn, type SortState } from './table';

export interface AssessmentTableProps {
  id: string;
  group: AssessmentGroup;
  columns: readonly ColumnId[];
  /** The rows in display order (sorted, perhaps only the first of many). */
  rows: readonly AssessmentRow[];
  totals: Figures;
  sort: SortState;
  onSort: (column: ColumnId) => void;
  caption: string;
  format: AssessmentFormat;
  /** The area chosen on the map or here; its row is marked. */
  selected: string | null;
  /** With a map: the names become buttons that show the area on it. */
  onSelect: ((key: string) => void) | null;
  /** Bring the selected row into view (it was chosen on the map). */
  revealSelected: boolean;
}

const SUB_COLUMNS: Partial<Record<NumericColumn, (f: Figures) => [number, number]>> = {
  onTimeRate: (f) => [f.onTime, f.handledWithLimit],
  reopenedShare: (f) => [f.reopened, f.cases],
};

/**
 * The assessment as a real table: a caption, column headers with sort buttons (aria-sort on the sorted
 * one), a row header per area, worker or department, and a totals row from the summed counts.
 */
export function AssessmentTable(props: AssessmentTableProps) {
  const t = useTranslations('assessment.table');
  const locale = useLocale();
  const body = useRef<HTMLTableSectionElement>(null);
  const { columns, format, sort } = props;
  const hourColumns = columns.filter(isHourColumn);
  const firstHour = hourColumns[0];

  useEffect(() => {
    if (!props.revealSelected || !props.selected || !body.current) return;
    body.current.querySelector(`tr[data-key="${CSS.escape(props.selected)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [props.selected, props.revealSelected]);

  const header = (c: ColumnId, rowSpan?: number) => {
    const sorted = sort.column === c;
    const label = t(`columns.${c}`);
    return (
      <th
        key={c}
        scope="col"
        rowSpan={rowSpan}
        className={c === 'name' ? 'as-col-name' : 'as-num'}
        aria-sort={sorted ? sort.direction : undefined}
      >
        <button type="button" className="as-sort" onClick={() => props.onSort(c)} data-testid={`sort-${c}`}>
          {label}
          {isHourColumn(c) && <span className="ga-visually-hidden">{t('hoursSuffix')}</span>}
          <span className="as-sort-mark" aria-hidden="true">
            {sorted ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      </th>
    );
  };

  const cells = (f: Figures) =>
    columns
      .filter((c): c is NumericColumn => c !== 'name')
      .map((c) => {
        const sub = SUB_COLUMNS[c]?.(f);
        return (
          <td key={c} className="as-num">
            {format.value(numericKind(c), cellValue(f, c))}
            {sub && sub[1] > 0 && <span className="ga-table-sub">{t('fraction', { n: format.count(sub[0]), d: format.count(sub[1]) })}</span>}
          </td>
        );
      });

  return (
    <div className="as-table-wrap">
      <table id={props.id} className="ga-table as-table" data-testid="assessment-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              if (!isHourColumn(c)) return header(c, hourColumns.length ? 2 : undefined);
              if (c !== firstHour) return null;
              return (
                <th key="hours" scope="colgroup" colSpan={hourColumns.length} className="as-hours-group">
                  {t('hoursGroup')}
                </th>
              );
            })}
          </tr>
          {hourColumns.length > 0 && <tr>{hourColumns.map((c) => header(c))}</tr>}
        </thead>
        <tbody ref={body}>
          {props.rows.map((r) => {
            const name = textIn(r.name, locale);
            const chosen = r.key === props.selected;
            return (
              <tr key={r.key} data-key={r.key} data-testid="assessment-row" className={chosen ? 'as-row-selected' : undefined}>
                <th scope="row">
                  {props.onSelect ? (
                    <button
                      type="button"
                      className="as-row-button"
                      aria-pressed={chosen}
                      title={t('showOnMap', { name })}
                      onClick={() => props.onSelect!(r.key)}
                    >
                      {name}
                    </button>
                  ) : (
                    name
                  )}
                  {props.group !== 'worker' && <span className="ga-table-sub ga-mono">{r.key}</span>}
                </th>
                {cells(r)}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr className="as-totals" data-testid="assessment-totals">
            <th scope="row">{t('totals')}</th>
            {cells(props.totals)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
