'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { Ref } from 'react';
import { useTRPC } from '@/app/trpc/client';
import { useErrorText } from '../outcome';
import { fieldKey, withCollection, withField, type DepartmentKeyDraft } from './department-key-draft';
import type { CatalogueReason } from './reasons';

/** The collections as checkboxes; under each chosen one, its restricted fields (opendata.restrictedFields). */
export function CollectionChoice({
  ref,
  id,
  draft,
  problem,
  onChange,
}: {
  ref?: Ref<HTMLFieldSetElement>;
  /** The start of the ids of its parts. */
  id: string;
  draft: DepartmentKeyDraft;
  problem: CatalogueReason | null;
  onChange: (update: (draft: DepartmentKeyDraft) => DepartmentKeyDraft) => void;
}) {
  const t = useTranslations('catalogue.departmentKeys');
  const tc = useTranslations('catalogue');
  const trpc = useTRPC();
  const message = useErrorText();
  // The server's list changes only with a new release: read once.
  const restricted = useQuery(trpc.opendata.restrictedFields.queryOptions(undefined, { staleTime: Infinity }));
  const order = restricted.data?.map((c) => c.collection) ?? [];
  return (
    <fieldset ref={ref} className="ga-dkey-collections" aria-describedby={`${id}-hint`}>
      <legend>{t('collections')}</legend>
      <p id={`${id}-hint`} className="ga-field-hint">
        {t('collectionsHint')}
      </p>
      {restricted.error && (
        <p role="alert" className="ga-form-error">
          {message(restricted.error)}
        </p>
      )}
      {restricted.isPending && <p role="status">{tc('loading')}</p>}
      {restricted.data?.map(({ collection, fields }) => {
        const chosen = draft.collections.includes(collection);
        const title = t(`collection.${collection}`);
        return (
          <div key={collection} className="ga-dkey-collection">
            <label className="ga-check">
              <input
                type="checkbox"
                name="collections"
                value={collection}
                checked={chosen}
                aria-invalid={problem === 'COLLECTION_REQUIRED' ? true : undefined}
                onChange={(e) => {
                  const on = e.target.checked;
                  onChange((d) => withCollection(d, order, collection, on));
                }}
              />
              <span>
                {title} <span className="ga-mono ga-muted">{collection}</span>
              </span>
            </label>
            {chosen &&
              (fields.length > 0 ? (
                <fieldset className="ga-dkey-fields">
                  <legend>{t('fieldsOf', { collection: title })}</legend>
                  {fields.map((f) => {
                    const key = fieldKey(collection, f);
                    return (
                      <label key={f} className="ga-check">
                        <input
                          type="checkbox"
                          name="fields"
                          value={key}
                          checked={draft.fields.includes(key)}
                          onChange={(e) => {
                            const on = e.target.checked;
                            onChange((d) => withField(d, key, on));
                          }}
                        />
                        <span>
                          {t(`field.${collection}.${f}`)} <span className="ga-mono ga-muted">{f}</span>
                        </span>
                      </label>
                    );
                  })}
                </fieldset>
              ) : (
                <p className="ga-field-hint ga-dkey-fields">{t('noRestricted')}</p>
              ))}
          </div>
        );
      })}
    </fieldset>
  );
}
