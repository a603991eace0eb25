import { describe, expect, it } from 'vitest';
import { checkMessagePair } from '@/app/i18n/message-checks';
import en from '@/app/i18n/messages/workflow.en.json';
import zh from '@/app/i18n/messages/workflow.zh-CN.json';
import { PLAN_STATES } from '@/geo/plans/plan-states';

describe('the workflow messages (editor, map, inbox)', () => {
  const { has } = checkMessagePair(zh, en, null);

  it('name every plan state', () => {
    for (const s of [...PLAN_STATES, 'in_force']) expect(has(`workflow.state.${s}`), s).toBe(true);
  });
});
