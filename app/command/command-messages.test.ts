import { describe, expect, it } from 'vitest';
import { checkMessagePair } from '@/app/i18n/message-checks';
import en from '@/app/i18n/messages/command.en.json';
import zh from '@/app/i18n/messages/command.zh-CN.json';
import { INCIDENT_ACTION_NAMES, INCIDENT_STATES } from '@/geo/incidents/incident-states';
import { TIME_WINDOWS } from './filters';

describe('the command centre messages', () => {
  const { has } = checkMessagePair(zh, en, 'command');

  it("name every incident state, every action of the loop and the feed's other events", () => {
    for (const s of INCIDENT_STATES) expect(has(`state.${s}`), s).toBe(true);
    for (const a of [...INCIDENT_ACTION_NAMES, 'report', 'escalate']) expect(has(`action.${a}`), a).toBe(true);
    for (const w of TIME_WINDOWS) expect(has(`filters.windows.${w}`), w).toBe(true);
  });
});
