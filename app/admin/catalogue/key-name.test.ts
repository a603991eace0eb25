import { describe, expect, it } from 'vitest';
import { KEY_NAME_MAX, parseKeyName } from './key-name';

describe('the name a key is issued under', () => {
  it('is one trimmed line of 1 to 100 characters', () => {
    expect(parseKeyName('  12345 热线平台 ')).toEqual({ valid: true, value: '12345 热线平台' });
    expect(parseKeyName('x'.repeat(KEY_NAME_MAX))).toEqual({ valid: true, value: 'x'.repeat(KEY_NAME_MAX) });
    expect(parseKeyName('')).toEqual({ valid: false, reason: 'NAME_REQUIRED' });
    expect(parseKeyName('   ')).toEqual({ valid: false, reason: 'NAME_REQUIRED' });
    expect(parseKeyName('x'.repeat(KEY_NAME_MAX + 1))).toEqual({ valid: false, reason: 'NAME_TOO_LONG' });
    expect(parseKeyName('热线\t平台')).toEqual({ valid: false, reason: 'NAME_INVALID' });
    expect(parseKeyName('热线\n平台')).toEqual({ valid: false, reason: 'NAME_INVALID' });
    expect(parseKeyName('热线\uD800')).toEqual({ valid: false, reason: 'NAME_INVALID' });
    expect(parseKeyName('热线 😀')).toEqual({ valid: true, value: '热线 😀' });
  });
});
