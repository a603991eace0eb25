'use client';

import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { Fragment, useEffect, useRef, useState } from 'react';
import { INCIDENT_STAGES } from '@/geo/incidents/incident-states';
import { textIn } from '@/geo/text/localized-text';
import type { Category } from '@/server/incidents/categories';
import { ActionsHead } from './ActionsHead';
import { CategoryEditRow, type EditEnd } from './CategoryEditRow';
import { CategoryName, type Department } from './CategoryName';
import { useLimitText } from './use-limit-text';

const CLASSES = ['component', 'event'] as const;

/**
 * The catalogue, one table per class (部件, 事件). One row at a time is in edit mode; the others' edit
 * buttons wait until it is saved or cancelled, and focus goes back to the row's edit button after.
 */
export function CategoryTables({ categories, departments }: { categories: Category[]; departments: Department[] }) {
  const t = useTranslations('catalogue.categories');
  const [editing, setEditing] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [focusBack, setFocusBack] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const locale = useLocale();

  useEffect(() => {
    if (focusBack === null) return;
    buttons.current.get(focusBack)?.focus();
    setFocusBack(null);
  }, [focusBack]);

  const end = (category: Category, how: EditEnd) => {
    setEditing(null);
    setFocusBack(category.code);
    const name = textIn(category.name, locale);
    setDone(how === 'saved' ? t('saved', { category: name }) : how === 'unchanged' ? t('unchanged', { category: name }) : null);
  };

  return (
    <>
      <div role="status" className="ga-alert-region">
        {done && <p className="ga-form-ok">{done}</p>}
      </div>
      {CLASSES.map((cls) => {
        const rows = categories.filter((c) => c.class === cls);
        return (
          <table key={cls} className="ga-table ga-cat-table" data-class={cls}>
            <caption>{t('captionCount', { class: t(`caption.${cls}`), count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('department')}</th>
                {INCIDENT_STAGES.map((s) => (
                  <th scope="col" key={s}>
                    {t(`stage.${s}`)}
                    <span className="ga-table-sub">{t(`stageSpan.${s}`)}</span>
                  </th>
                ))}
                <th scope="col">{t('weight')}</th>
                <th scope="col">{t('status')}</th>
                <ActionsHead label={t('actions')} />
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <Fragment key={c.code}>
                  {editing === c.code ? (
                    <CategoryEditRow category={c} departments={departments} onEnd={(how) => end(c, how)} />
                  ) : (
                    <CategoryRow
                      category={c}
                      editDisabled={editing !== null}
                      buttonRef={(el) => {
                        if (el) buttons.current.set(c.code, el);
                        else buttons.current.delete(c.code);
                      }}
                      onEdit={() => {
                        setDone(null);
                        setEditing(c.code);
                      }}
                    />
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        );
      })}
    </>
  );
}

function CategoryRow({
  category: c,
  editDisabled,
  buttonRef,
  onEdit,
}: {
  category: Category;
  editDisabled: boolean;
  buttonRef: (el: HTMLButtonElement | null) => void;
  onEdit: () => void;
}) {
  const t = useTranslations('catalogue.categories');
  const locale = useLocale();
  const format = useFormatter();
  const limitText = useLimitText();
  const name = textIn(c.name, locale);
  return (
    <tr data-code={c.code} className={c.active ? undefined : 'ga-cat-retired'}>
      <CategoryName category={c} />
      <td>{textIn(c.department.name, locale)}</td>
      {INCIDENT_STAGES.map((s) => (
        <td key={s} className="ga-nowrap">
          {limitText(c.limits[s])}
        </td>
      ))}
      <td className="ga-cat-number">{format.number(c.workloadWeight)}</td>
      <td>
        <span className={`ga-badge ${c.active ? 'ga-badge-ok' : 'ga-badge-bad'}`}>{c.active ? t('activeOn') : t('activeOff')}</span>
      </td>
      <td>
        <button type="button" className="ga-secondary" ref={buttonRef} disabled={editDisabled} onClick={onEdit}>
          {t('edit')}
          <span className="ga-visually-hidden"> {name}</span>
        </button>
      </td>
    </tr>
  );
}
