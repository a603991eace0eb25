import { describe, expect, it } from 'vitest';
import { parsePartnerName, PARTNER_NAME_MAX } from './partner-key-name';

describe("a partner system's name", () => {
  it('is one trimmed line of 1 to 100 characters', () => {
    expect(parsePartnerName('  12345 热线平台 ')).toEqual({ valid: true, value: '12345 热线平台' });
    expect(parsePartnerName('x'.repeat(PARTNER_NAME_MAX))).toEqual({ valid: true, value: 'x'.repeat(PARTNER_NAME_MAX) });
    expect(parsePartnerName('')).toEqual({ valid: false, reason: 'NAME_REQUIRED' });
    expect(parsePartnerName('   ')).toEqual({ valid: false, reason: 'NAME_REQUIRED' });
    expect(parsePartnerName('x'.repeat(PARTNER_NAME_MAX + 1))).toEqual({ valid: false, reason: 'NAME_TOO_LONG' });
    expect(parsePartnerName('热线\t平台')).toEqual({ valid: false, reason: 'NAME_INVALID' });
    expect(parsePartnerName('热线\n平台')).toEqual({ valid: false, reason: 'NAME_INVALID' });
    expect(parsePartnerName('热线\uD800')).toEqual({ valid: false, reason: 'NAME_INVALID' });
    expect(parsePartnerName('热线 😀')).toEqual({ valid: true, value: '热线 😀' });
  });
});
