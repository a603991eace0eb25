'use client';

import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { textIn } from '@/geo/text/localized-text';
import { useTRPC } from '@/app/trpc/client';
import type { DepartmentKeyRow } from '@/server/ogc/department-keys';
import type { Department } from './CategoryName';
import { fieldsIn } from './department-key-draft';
import { IssueDepartmentKey } from './IssueDepartmentKey';
import { KeyPanel } from './KeyPanel';
import { KeyUses } from './KeyUses';
import { useRevokeKey } from './use-key-mutations';

/**
 * The departments' read keys for the open data (/ogc): each names its department, the collections it
 * opens and the restricted fields it reads there; per key, the requests made with it.
 */
export function DepartmentKeys() {
  const t = useTranslations('catalogue.departmentKeys');
  const trpc = useTRPC();
  const keys = useQuery(trpc.opendata.departmentKeys.queryOptions(undefined, { staleTime: 0 }));
  // The catalogue's departments: the same query as the categories' tables above, so one request.
  const catalogue = useQuery(trpc.incidents.categories.queryOptions(undefined, { staleTime: 0 }));
  const departments = catalogue.data?.departments ?? [];
  const revoke = useRevokeKey(trpc.opendata.revokeDepartmentKey.mutationOptions(), trpc.opendata.departmentKeys.queryKey());
  // The keys whose recent requests are shown.
  const [reading, setReading] = useState<ReadonlySet<number>>(new Set());
  const toggleReading = (id: number) =>
    setReading((open) => {
      const next = new Set(open);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const usesId = (id: number) => `ga-dkeys-${id}-uses`;
  return (
    <KeyPanel<DepartmentKeyRow>
      id="ga-dkeys"
      title={t('title')}
      intro={t('intro')}
      keys={keys}
      cityOnly="KEYS_CITY_ONLY"
      table={{
        caption: t('caption'),
        nameHeader: t('name'),
        none: t('none'),
        columns: [
          { header: t('department'), cell: (k) => <DepartmentName code={k.departmentCode} departments={departments} /> },
          { header: t('access'), cell: (k) => <KeyAccess departmentKey={k} /> },
        ],
        actions: (k) => (
          <button
            type="button"
            className="ga-secondary"
            aria-expanded={reading.has(k.id)}
            aria-controls={reading.has(k.id) ? usesId(k.id) : undefined}
            onClick={() => toggleReading(k.id)}
          >
            {t('uses')}
            <span className="ga-visually-hidden">{t('usesWhat', { name: k.name })}</span>
          </button>
        ),
        detail: (k) => (reading.has(k.id) ? <KeyUses id={usesId(k.id)} departmentKey={k} /> : null),
      }}
      revoke={revoke}
      form={<IssueDepartmentKey departments={departments} />}
    />
  );
}

/** The department's name (once the catalogue is read), its code below. */
function DepartmentName({ code, departments }: { code: string; departments: Department[] }) {
  const locale = useLocale();
  const department = departments.find((d) => d.code === code);
  return (
    <>
      {department && textIn(department.name, locale)}
      <span className="ga-table-sub ga-mono">{code}</span>
    </>
  );
}

/** Each collection the key opens, the restricted fields it reads there below. */
function KeyAccess({ departmentKey }: { departmentKey: DepartmentKeyRow }) {
  const t = useTranslations('catalogue.departmentKeys');
  return (
    <ul className="ga-plain-list">
      {departmentKey.collections.map((c) => {
        const fields = fieldsIn(departmentKey.fields, c);
        return (
          <li key={c}>
            {t(`collection.${c}`)}
            <span className="ga-table-sub">{fields.length > 0 ? fields.map((f) => t(`field.${c}.${f}`)).join(t('listSeparator')) : t('publicOnly')}</span>
          </li>
        );
      })}
    </ul>
  );
}
