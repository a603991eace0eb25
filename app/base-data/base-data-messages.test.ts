import { readFileSync } from 'node:fs';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { checkMessagePair, checkMessagesFormat, messageText } from '@/app/i18n/message-checks';
import en from '@/app/i18n/messages/baseData.en.json';
import zh from '@/app/i18n/messages/baseData.zh-CN.json';
import { ROW_REJECTIONS } from '@/server/base-data/errors';
import { ADDRESS_FIELDS } from '@/server/interchange/address-rows';
import { ROW_REJECTION_CODES, reasonKey } from './reasons';

describe('the base data page messages', () => {
  const { has } = checkMessagePair(zh, en, 'baseData');
  checkMessagesFormat(zh, en);

  it('are loaded with the other message files', () => {
    const request = readFileSync(new URL('../i18n/request.ts', import.meta.url), 'utf8');
    expect(request).toContain('import(`./messages/baseData.${locale}.json`)');
  });

  it("name every reason the server rejects a row for (its list is the page's list)", () => {
    expect([...ROW_REJECTION_CODES].sort()).toEqual(Object.keys(ROW_REJECTIONS).sort());
    for (const code of ROW_REJECTION_CODES) expect(has(reasonKey(code)!), code).toBe(true);
    expect(reasonKey('SOMETHING_NEWER')).toBeNull();
  });

  it('name every field a file may have, every format, encoding, coordinate system and failure', () => {
    for (const f of ADDRESS_FIELDS) {
      expect(has(`help.fields.${f}`), f).toBe(true);
      expect(has(`help.fieldNotes.${f}`), f).toBe(true);
    }
    for (const f of ['csv', 'geojson']) expect(has(`formats.${f}`), f).toBe(true);
    for (const e of ['utf-8', 'gb18030']) expect(has(`encodings.${e}`), e).toBe(true);
    for (const c of ['wgs84', 'gcj02']) {
      expect(has(`crs.${c}`), c).toBe(true);
      expect(has(`form.crsHint.${c}`), c).toBe(true);
    }
    for (const r of ['network', 'too_large', 'unreadable']) expect(has(`errors.${r}`), r).toBe(true);
    for (const c of ['rowsRead', 'created', 'updated', 'unchanged', 'linked', 'unlinked', 'rejected']) expect(has(`result.counts.${c}`), c).toBe(true);
    for (const n of ['required', 'csv', 'optional']) expect(has(`help.needs.${n}`), n).toBe(true);
  });

  it('use the product’s Chinese terms', () => {
    const zhText = (key: string) => messageText(zh, `baseData.${key}`) as string;
    expect(zhText('page.title')).toBe('基础数据');
    expect(zhText('menu.link')).toBe('基础数据');
    expect(zhText('form.check')).toBe('只检查');
    expect(zhText('form.import')).toBe('导入');
    expect(zhText('page.intro')).toContain('标准地址批量导入');
    expect(zhText('page.intro')).toContain('地址关联');
  });

  it('count rows as English counts them', () => {
    const t = createTranslator({ locale: 'en', messages: en, namespace: 'baseData' });
    expect(t('result.rows', { count: 1 })).toBe('1 row');
    expect(t('result.more', { count: 99_800 })).toBe('99,800 more rows not listed.');
    expect(t('summary.rejected', { count: 1 })).toBe('1 row rejected; nothing written.');
    expect(t('progress.writing', { count: 2 })).toBe('Writing 2 addresses…');
    const tz = createTranslator({ locale: 'zh-CN', messages: zh, namespace: 'baseData' });
    expect(tz('result.more', { count: 99_800 })).toBe('另有 99,800 行未列出。');
  });
});
