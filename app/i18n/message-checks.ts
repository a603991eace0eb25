/**
 * The checks every message file pair gets in its test (imported by tests only): one top-level namespace,
 * the same keys with the same ICU arguments in zh-CN and English, and no empty text. Returns the leaves
 * for the file's own checks (every state named, every action worded, …).
 */
import { createTranslator } from 'next-intl';
import { expect, it } from 'vitest';

export type MessageTree = { [key: string]: string | MessageTree };

/** Every leaf key with the ICU arguments its message names (plural forms aside). */
export function messageLeaves(tree: MessageTree, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, [...new Set([...v.matchAll(/\{(\w+)/g)].map((m) => m[1]!))].sort());
    else for (const [lk, lv] of messageLeaves(v, `${prefix}${k}.`)) out.set(lk, lv);
  }
  return out;
}

/** The text at a dotted key of a message tree. */
export function messageText(tree: object, key: string): string | MessageTree {
  return key.split('.').reduce<string | MessageTree>((t, k) => (t as MessageTree)[k]!, tree as MessageTree);
}

/**
 * Registers the check that every message formats with its arguments in both languages (valid ICU, and each
 * argument shows up in the text): `count` gets a number (plurals), every other argument a marked string.
 */
export function checkMessagesFormat(zh: object, en: object) {
  it('all format with their arguments (valid ICU in both languages)', () => {
    for (const [locale, messages] of [['zh-CN', zh], ['en', en]] as const) {
      const errors: string[] = [];
      const t = createTranslator({ locale, messages, timeZone: 'Asia/Shanghai', onError: (e) => errors.push(e.message) });
      for (const [key, args] of messageLeaves(messages as MessageTree)) {
        const text = t(key as never, Object.fromEntries(args.map((a) => [a, a === 'count' ? 3 : `«${a}»`])) as never);
        for (const a of args) if (a !== 'count') expect(text, key).toContain(`«${a}»`);
      }
      expect(errors).toEqual([]);
    }
  });
}

/** Registers the shared checks (inside the caller's describe); `namespace` null for a file of several. */
export function checkMessagePair(zh: object, en: object, namespace: string | null) {
  const zhLeaves = messageLeaves(zh as MessageTree);
  const enLeaves = messageLeaves(en as MessageTree);
  if (namespace) {
    it('live under one namespace', () => {
      expect(Object.keys(zh)).toEqual([namespace]);
      expect(Object.keys(en)).toEqual([namespace]);
    });
  }
  it('have the same keys and arguments in zh-CN and English', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...zhLeaves.keys()].sort());
    for (const [key, args] of zhLeaves) expect({ key, args: enLeaves.get(key) }).toEqual({ key, args });
  });
  it('are never empty', () => {
    for (const [key] of zhLeaves) {
      for (const tree of [zh, en]) {
        const text = messageText(tree, key);
        // Whitespace is text too (a separator between two numbers), nothing at all is not.
        expect(typeof text === 'string' && text.length > 0, key).toBe(true);
      }
    }
  });
  return { zhLeaves, enLeaves, has: (key: string) => zhLeaves.has(namespace ? `${namespace}.${key}` : key) };
}
