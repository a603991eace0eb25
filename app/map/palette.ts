import type { IncidentPhase } from '@/geo/incidents/incident-states';

/** Colours shared by the map style, the deck.gl layers and the legend, so the legend cannot drift. */
export const GRID_KIND_COLOURS = {
  comprehensive: '#3d7cc9',
  park: '#2e9d57',
  school: '#e0a020',
  hospital: '#d94a4a',
  enterprise: '#7b55c0',
  market: '#ef7d1a',
  government: '#8a6a55',
} as const;

export const GRID_LOAD_COLOURS = {
  under: '#6fa8dc',
  within: '#5cb85c',
  over: '#e0533d',
} as const;

export const KEY_SITE_CATEGORIES = [
  'school',
  'hospital',
  'market',
  'hazardous_chemicals',
  'religious',
  'elderly_home',
  'construction',
] as const;
export type KeySiteCategory = (typeof KEY_SITE_CATEGORIES)[number];

/** Each key-site category: a colour and a one-character glyph (drawn from local fonts, no sprite server). */
export const KEY_SITE_SYMBOLS: Record<KeySiteCategory, { colour: string; glyph: string; shape: 'circle' | 'square' | 'diamond' }> = {
  school: { colour: '#e0a020', glyph: '学', shape: 'square' },
  hospital: { colour: '#d94a4a', glyph: '医', shape: 'square' },
  market: { colour: '#ef7d1a', glyph: '市', shape: 'circle' },
  hazardous_chemicals: { colour: '#b0122b', glyph: '危', shape: 'diamond' },
  religious: { colour: '#7b55c0', glyph: '宗', shape: 'circle' },
  elderly_home: { colour: '#2e9d57', glyph: '老', shape: 'circle' },
  construction: { colour: '#8a6a55', glyph: '工', shape: 'diamond' },
};

/** The colour of each incident phase (geo/incidents/incident-states.ts says which states are in which). */
export const INCIDENT_PHASE_COLOURS: Readonly<Record<IncidentPhase, string>> = {
  open: '#e8590c',
  handled: '#f2b705',
  closed: '#8c98a4',
};
export const INCIDENT_OVERDUE_RING = '#c1121f';

export const WORKER_COLOURS = {
  full_time: [21, 101, 192] as [number, number, number],
  part_time: [0, 150, 136] as [number, number, number],
};

export const ADDRESS_COLOUR = '#5c6bc0';

export const LABEL_STYLE = {
  district: { size: 17, colour: [38, 50, 72] as [number, number, number], weight: 700 },
  street: { size: 13, colour: [60, 72, 96] as [number, number, number], weight: 600 },
  community: { size: 12, colour: [88, 74, 140] as [number, number, number], weight: 500 },
  grid: { size: 11, colour: [40, 90, 150] as [number, number, number], weight: 400 },
} as const;

export const LABEL_FONT_FAMILY = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
