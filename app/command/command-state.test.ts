import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW } from '@/app/map/state';
import { DEFAULT_FILTERS } from './filters';
import { parseCommandUrl, serializeCommandUrl, type CommandUrlState } from './command-state';

describe('the command map\'s URL', () => {
  it('round-trips the view, filters, density view and the open case', () => {
    const s: CommandUrlState = {
      view: { center: [118.7969, 32.0603], zoom: 12.5 },
      filters: { window: '7d', category: 'manhole_cover', state: 'phase:open', areaCode: '320102008', overdueOnly: true },
      mode: 'density',
      selected: 123,
    };
    const q = serializeCommandUrl(s);
    expect(q).toBe('c=118.79690,32.06030&z=12.50&w=7d&cat=manhole_cover&st=phase:open&area=320102008&overdue=1&view=density&sel=123');
    expect(parseCommandUrl(new URLSearchParams(q))).toEqual(s);
  });

  it('falls back to the defaults for anything malformed', () => {
    const s = parseCommandUrl({ w: '1y', cat: 'DROP TABLE', st: 'lost', area: '32', view: '3d', sel: '-4', z: 'x' });
    expect(s).toEqual({ view: DEFAULT_VIEW, filters: DEFAULT_FILTERS, mode: 'points', selected: null });
  });
});
