/**
 * What a department key opens, as the issue form holds it: the department, the collections, and the
 * restricted fields of those collections ('collection.field', as the server names them). A field is
 * only ever chosen under a chosen collection: the server refuses any other (KEY_FIELD_UNKNOWN).
 */
import type { DepartmentKeyInput } from '@/server/ogc/department-keys';
import type { Checked } from './reasons';

export interface DepartmentKeyDraft {
  departmentCode: string;
  collections: readonly string[];
  fields: readonly string[];
}

export const EMPTY_DEPARTMENT_KEY: DepartmentKeyDraft = { departmentCode: '', collections: [], fields: [] };

/** A restricted field as a key names it. */
export const fieldKey = (collection: string, field: string) => `${collection}.${field}`;

/** The restricted fields a key opens in one of its collections (the part after 'collection.'). */
export function fieldsIn(fields: readonly string[], collection: string): string[] {
  const prefix = `${collection}.`;
  return fields.flatMap((f) => (f.startsWith(prefix) ? [f.slice(prefix.length)] : []));
}

/**
 * A collection chosen or not; `order` is every collection in the server's order, which the choice keeps.
 * Leaving a collection out leaves its fields out too.
 */
export function withCollection(draft: DepartmentKeyDraft, order: readonly string[], collection: string, chosen: boolean): DepartmentKeyDraft {
  return {
    ...draft,
    collections: order.filter((c) => (c === collection ? chosen : draft.collections.includes(c))),
    fields: chosen ? draft.fields : draft.fields.filter((f) => !f.startsWith(`${collection}.`)),
  };
}

/** A restricted field of a chosen collection chosen or not. */
export function withField(draft: DepartmentKeyDraft, key: string, chosen: boolean): DepartmentKeyDraft {
  const others = draft.fields.filter((f) => f !== key);
  return { ...draft, fields: chosen ? [...others, key] : others };
}

/** What opendata.issueDepartmentKey is sent: a department and at least one collection. */
export function checkDepartmentKey(name: string, draft: DepartmentKeyDraft): Checked<DepartmentKeyInput> {
  if (draft.departmentCode === '') return { valid: false, reason: 'KEY_DEPARTMENT_REQUIRED' };
  if (draft.collections.length === 0) return { valid: false, reason: 'COLLECTION_REQUIRED' };
  return { valid: true, value: { name, departmentCode: draft.departmentCode, collections: [...draft.collections], fields: [...draft.fields] } };
}
