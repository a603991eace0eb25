import { describe, expect, it } from 'vitest';
import { csvHref, DEFAULT_FIGURE, DEFAULT_GROUP, parseViewState, serializeViewState, type ViewState } from './view-state';

describe('the assessment URL', () => {
  it('round-trips every state a user can make', () => {
    const states: ViewState[] = [
      { group: 'grid', period: { choice: 'last-month', from: '', to: '' }, area: null, figure: 'closureRate' },
      { group: 'worker', period: { choice: 'custom', from: '2026-01-01', to: '2026-02-15' }, area: '320104', figure: 'cases' },
      { group: 'department', period: { choice: 'this-year', from: '', to: '' }, area: '320104003', figure: 'reopenedShare' },
    ];
    for (const s of states) expect(parseViewState(new URLSearchParams(serializeViewState(s)))).toEqual(s);
  });

  it('writes a short link: the default figure and an empty area are left out', () => {
    expect(serializeViewState({ group: 'street', period: { choice: 'this-month', from: 'x', to: 'y' }, area: null, figure: DEFAULT_FIGURE })).toBe('group=street&period=this-month');
    expect(serializeViewState({ group: 'grid', period: { choice: 'custom', from: '2026-01-01', to: '2026-01-31' }, area: '320104', figure: 'onTimeRate' })).toBe(
      'group=grid&period=custom&from=2026-01-01&to=2026-01-31&area=320104&figure=onTimeRate',
    );
  });

  it('falls back to the defaults for what it does not know, from Next.js search params too', () => {
    expect(parseViewState({})).toEqual({ group: DEFAULT_GROUP, period: { choice: 'this-month', from: '', to: '' }, area: null, figure: DEFAULT_FIGURE });
    const odd = parseViewState({ group: 'city', period: 'forever', area: '3201', figure: 'x' });
    expect(odd).toEqual(parseViewState({}));
    expect(parseViewState({ area: ['320104003', '320105'] }).area).toBe('320104003');
    expect(parseViewState({ area: '320104003001' }).area).toBeNull();
    // Typed days are kept as typed (the page then says what is wrong with them), unless they are not days at all.
    expect(parseViewState({ period: 'custom', from: '2026-02-30', to: '<script>' }).period).toEqual({ choice: 'custom', from: '2026-02-30', to: '' });
  });

  it('links the CSV of the same table, in the page’s language', () => {
    const moments = { from: new Date('2026-02-28T16:00:00.000Z'), to: new Date('2026-03-31T16:00:00.000Z') };
    expect(csvHref('street', moments, null, 'zh-CN')).toBe('/api/assessment/street.csv?from=2026-02-28T16%3A00%3A00.000Z&to=2026-03-31T16%3A00%3A00.000Z');
    const en = new URL(csvHref('grid', moments, '320104', 'en'), 'http://x');
    expect(en.pathname).toBe('/api/assessment/grid.csv');
    expect(Object.fromEntries(en.searchParams)).toEqual({ from: moments.from.toISOString(), to: moments.to.toISOString(), areaCode: '320104', locale: 'en' });
  });
});
