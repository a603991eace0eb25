'use client';

import { useLocale } from 'next-intl';
import { INCIDENT_STAGES } from '@/geo/incidents/incident-states';
import { textIn, type LocalizedText } from '@/geo/text/localized-text';
import type { Category } from '@/server/incidents/categories';

export interface Department {
  code: string;
  name: LocalizedText;
}

/** The catalogue table's columns: name, department, the five limits, weight, status, actions. */
export const CATEGORY_COLUMNS = 2 + INCIDENT_STAGES.length + 3;

/** A category row's header (in view and in edit mode): the category's name, its code below. */
export function CategoryName({ category }: { category: Category }) {
  const locale = useLocale();
  return (
    <th scope="row">
      {textIn(category.name, locale)}
      <span className="ga-table-sub ga-mono">{category.code}</span>
    </th>
  );
}
