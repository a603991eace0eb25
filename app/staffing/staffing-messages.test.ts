import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMessagePair, checkMessagesFormat } from '@/app/i18n/message-checks';
import en from '@/app/i18n/messages/staffing.en.json';
import zh from '@/app/i18n/messages/staffing.zh-CN.json';
import { ASSESSMENT_RESULTS, LEAVING_REASONS, WORKER_STAGES } from '@/geo/staffing/worker-stages';
import { STATUS_ORDER } from './status';

describe('the staffing page messages', () => {
  const { has } = checkMessagePair(zh, en, 'staffing');
  checkMessagesFormat(zh, en);

  it('are loaded with the other message files', () => {
    const request = readFileSync(new URL('../i18n/request.ts', import.meta.url), 'utf8');
    expect(request).toContain('import(`./messages/staffing.${locale}.json`)');
  });

  it('name every stage, reason for leaving, assessment result, status, level, employment and source', () => {
    for (const s of [...WORKER_STAGES, 'none']) expect(has(`stages.${s}`), s).toBe(true);
    for (const r of LEAVING_REASONS) expect(has(`reasons.${r}`), r).toBe(true);
    for (const r of ASSESSMENT_RESULTS) expect(has(`results.${r}`), r).toBe(true);
    for (const s of STATUS_ORDER) expect(has(`status.${s}`), s).toBe(true);
    for (const l of ['district', 'street', 'community', 'grid']) expect(has(`levels.${l}`), l).toBe(true);
    for (const e of ['full_time', 'part_time']) expect(has(`employment.${e}`), e).toBe(true);
    for (const s of ['community_cadre', 'social_worker_transfer', 'open_recruitment', 'none']) expect(has(`sources.${s}`), s).toBe(true);
  });
});
