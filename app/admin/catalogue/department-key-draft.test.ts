import { describe, expect, it } from 'vitest';
import { checkDepartmentKey, EMPTY_DEPARTMENT_KEY, fieldKey, fieldsIn, withCollection, withField, type DepartmentKeyDraft } from './department-key-draft';

// Frozen: a helper that changed the draft it is given would throw here.
const ORDER = Object.freeze(['districts', 'grids', 'addresses', 'key-sites', 'incidents']);
const draft = (d: DepartmentKeyDraft) => Object.freeze({ ...d, collections: Object.freeze([...d.collections]), fields: Object.freeze([...d.fields]) });
const CHOSEN = draft({ departmentCode: 'municipal', collections: ['addresses', 'incidents'], fields: ['addresses.households', 'incidents.description'] });

describe("a department key's draft", () => {
  it("keeps the chosen collections in the server's order", () => {
    expect(withCollection(CHOSEN, ORDER, 'grids', true).collections).toEqual(['grids', 'addresses', 'incidents']);
    expect(withCollection(CHOSEN, ORDER, 'addresses', true)).toEqual(CHOSEN);
  });

  it('leaves out the fields of a collection left out, and only those', () => {
    const without = withCollection(CHOSEN, ORDER, 'addresses', false);
    expect(without.collections).toEqual(['incidents']);
    expect(without.fields).toEqual(['incidents.description']);
    // A collection's fields are those named '<collection>.': "address" has none of "addresses".
    expect(withCollection(draft({ ...CHOSEN, fields: ['addresses.households'] }), ORDER, 'address', false).fields).toEqual(['addresses.households']);
  });

  it('chooses a field once, and unchooses it', () => {
    const key = fieldKey('addresses', 'residents');
    expect(key).toBe('addresses.residents');
    const twice = withField(withField(CHOSEN, key, true), key, true);
    expect(twice.fields).toEqual(['addresses.households', 'incidents.description', 'addresses.residents']);
    expect(withField(twice, key, false).fields).toEqual(CHOSEN.fields);
  });

  it('reads the fields a key opens in one collection', () => {
    expect(fieldsIn(['addresses.households', 'addresses.residents', 'key-sites.risk_level'], 'addresses')).toEqual(['households', 'residents']);
    expect(fieldsIn(['key-sites.risk_level'], 'grids')).toEqual([]);
    expect(fieldsIn([], 'addresses')).toEqual([]);
  });

  it('is sent with a department and at least one collection', () => {
    expect(checkDepartmentKey('区城管执法系统', CHOSEN)).toEqual({
      valid: true,
      value: { name: '区城管执法系统', departmentCode: 'municipal', collections: ['addresses', 'incidents'], fields: ['addresses.households', 'incidents.description'] },
    });
    expect(checkDepartmentKey('x', EMPTY_DEPARTMENT_KEY)).toEqual({ valid: false, reason: 'KEY_DEPARTMENT_REQUIRED' });
    expect(checkDepartmentKey('x', draft({ ...EMPTY_DEPARTMENT_KEY, departmentCode: 'municipal' }))).toEqual({ valid: false, reason: 'COLLECTION_REQUIRED' });
  });
});
