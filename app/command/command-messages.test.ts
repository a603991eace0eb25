import { describe, expect, it } from 'vitest';
import en from '@/app/i18n/messages/command.en.json';
import zh from '@/app/i18n/messages/command.zh-CN.json';
import { INCIDENT_ACTION_NAMES, INCIDENT_STATES } from '@/geo/incidents/incident-states';
import { TIME_WINDOWS } from './filters';

type Tree = { [key: string]: string | Tree };

/** Every leaf key with the ICU arguments its message names (plural forms aside). */
function leaves(tree: Tree, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, [...new Set([...v.matchAll(/\{(\w+)/g)].map((m) => m[1]!))].sort());
    else for (const [lk, lv] of leaves(v, `${prefix}${k}.`)) out.set(lk, lv);
  }
  return out;
}

describe('the command centre messages', () => {
  const zhLeaves = leaves(zh as Tree);
  const enLeaves = leaves(en as Tree);

  it('have the same keys and arguments in zh-CN and English, under one namespace', () => {
    expect(Object.keys(zh)).toEqual(['command']);
    expect(Object.keys(en)).toEqual(['command']);
    expect([...enLeaves.keys()].sort()).toEqual([...zhLeaves.keys()].sort());
    for (const [key, args] of zhLeaves) expect({ key, args: enLeaves.get(key) }).toEqual({ key, args });
  });

  it('name every incident state, every action of the loop and the feed\'s other events', () => {
    for (const s of INCIDENT_STATES) expect(zhLeaves.has(`command.state.${s}`), s).toBe(true);
    for (const a of [...INCIDENT_ACTION_NAMES, 'report', 'escalate']) expect(zhLeaves.has(`command.action.${a}`), a).toBe(true);
    for (const w of TIME_WINDOWS) expect(zhLeaves.has(`command.filters.windows.${w}`), w).toBe(true);
  });

  it('leave no message empty', () => {
    for (const tree of [zh, en]) for (const [key] of leaves(tree as Tree)) expect(key.split('.').reduce<unknown>((t, k) => (t as Tree)[k], tree)).not.toBe('');
  });
});
