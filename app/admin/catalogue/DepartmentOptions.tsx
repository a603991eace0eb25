'use client';

import { useLocale } from 'next-intl';
import { textIn } from '@/geo/text/localized-text';
import type { Department } from './CategoryName';

/** The catalogue's departments as a select's options, by their names in the user's language. */
export function DepartmentOptions({ departments }: { departments: Department[] }) {
  const locale = useLocale();
  return departments.map((d) => (
    <option key={d.code} value={d.code}>
      {textIn(d.name, locale)}
    </option>
  ));
}
