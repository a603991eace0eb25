'use client';

import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { useTRPC } from '@/app/trpc/client';
import type { Department } from './CategoryName';
import { CollectionChoice } from './CollectionChoice';
import { checkDepartmentKey, EMPTY_DEPARTMENT_KEY } from './department-key-draft';
import { DepartmentOptions } from './DepartmentOptions';
import { KeyIssueForm } from './KeyIssueForm';
import { useIssueKey } from './use-key-mutations';

/** The header /ogc reads a department key from (KEY_HEADER in server/ogc/handler.ts; names are case-insensitive). */
const KEY_HEADER = 'X-GridAtlas-Key';
const FORM_ID = 'ga-dkey-issue';

/**
 * Issuing a department key: its name, the department, the collections it opens and, under each chosen
 * collection, the restricted fields it may read there; then the key once, with how to send it.
 */
export function IssueDepartmentKey({ departments }: { departments: Department[] }) {
  const t = useTranslations('catalogue.departmentKeys');
  const trpc = useTRPC();
  const issue = useIssueKey(trpc.opendata.issueDepartmentKey.mutationOptions(), trpc.opendata.departmentKeys.queryKey());
  const [draft, setDraft] = useState(EMPTY_DEPARTMENT_KEY);
  const departmentField = useRef<HTMLSelectElement>(null);
  const collectionsField = useRef<HTMLFieldSetElement>(null);
  return (
    <KeyIssueForm
      id={FORM_ID}
      title={t('issueTitle')}
      nameLabel={t('issueName')}
      nameHint={t('issueNameHint')}
      warning={t('issuedWarning')}
      usage={(secret) => <KeyUsage secret={secret} />}
      issue={issue}
      check={(name) => checkDepartmentKey(name, draft)}
      onProblem={(reason) => (reason === 'KEY_DEPARTMENT_REQUIRED' ? departmentField.current : collectionsField.current?.querySelector('input'))?.focus()}
      onIssued={() => setDraft(EMPTY_DEPARTMENT_KEY)}
    >
      {(problem) => (
        <>
          <div className="ga-field">
            <label htmlFor={`${FORM_ID}-department`}>{t('issueDepartment')}</label>
            <select
              ref={departmentField}
              id={`${FORM_ID}-department`}
              name="department"
              required
              aria-invalid={problem === 'KEY_DEPARTMENT_REQUIRED' ? true : undefined}
              value={draft.departmentCode}
              onChange={(e) => setDraft((d) => ({ ...d, departmentCode: e.target.value }))}
            >
              <option value="">{t('chooseDepartment')}</option>
              <DepartmentOptions departments={departments} />
            </select>
          </div>
          <CollectionChoice ref={collectionsField} id={`${FORM_ID}-collections`} draft={draft} problem={problem} onChange={setDraft} />
        </>
      )}
    </KeyIssueForm>
  );
}

/** How a department's system sends the key: a header on its /ogc requests, or GDAL's option for one. */
export function KeyUsage({ secret }: { secret: string }) {
  const t = useTranslations('catalogue.departmentKeys');
  return (
    <div className="ga-dkey-usage">
      <p>{t('usageHeader')}</p>
      <pre className="ga-mono">
        <code>{`${KEY_HEADER}: ${secret}`}</code>
      </pre>
      <p>{t('usageGdal')}</p>
      <pre className="ga-mono">
        <code>{`--config GDAL_HTTP_HEADERS "${KEY_HEADER}: ${secret}"`}</code>
      </pre>
      <p className="ga-field-hint">{t('usagePublic')}</p>
    </div>
  );
}
