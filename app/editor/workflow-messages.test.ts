import { describe, expect, it } from 'vitest';
import en from '@/app/i18n/messages/workflow.en.json';
import zh from '@/app/i18n/messages/workflow.zh-CN.json';
import { PLAN_STATES } from '@/geo/plans/plan-states';

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

describe('the workflow messages (editor, map, inbox)', () => {
  const zhLeaves = leaves(zh as Tree);
  const enLeaves = leaves(en as Tree);

  it('have the same keys and arguments in zh-CN and English', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...zhLeaves.keys()].sort());
    for (const [key, args] of zhLeaves) expect({ key, args: enLeaves.get(key) }).toEqual({ key, args });
  });

  it('name every plan state', () => {
    for (const s of [...PLAN_STATES, 'in_force']) expect(zhLeaves.has(`workflow.state.${s}`), s).toBe(true);
  });
});
