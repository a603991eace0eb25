/**
 * The command map's own colours (the incident phases and the overdue ring are the home map's,
 * app/map/palette.ts), shared by its style, its deck.gl layers and its legend so they cannot drift.
 */

/** Grids shaded by their open cases: [at least this many, colour]. A grid with none keeps a faint wash. */
export const GRID_OPEN_RAMP: readonly (readonly [number, string])[] = [
  [1, '#fde0c5'],
  [3, '#f7b58c'],
  [6, '#ef7d50'],
  [12, '#d9472b'],
  [25, '#9e1b32'],
];
export const GRID_NO_OPEN_COLOUR = '#3d7cc9';

/** The density view's cells, from few to many (weighted) cases. */
export const DENSITY_RANGE: [number, number, number][] = [
  [254, 240, 217],
  [253, 212, 158],
  [253, 187, 132],
  [252, 141, 89],
  [227, 74, 51],
  [179, 0, 0],
];

/** Workers: on duty or off duty. */
export const WORKER_DUTY_COLOURS = {
  onDuty: [46, 125, 50] as [number, number, number],
  offDuty: [120, 130, 144] as [number, number, number],
};
/** The ring of a worker with this many cases in hand or more. */
export const WORKER_LOAD_RING = 5;
export const WORKER_LOAD_RING_COLOUR: [number, number, number] = [193, 18, 31];
export const TRAIL_COLOUR: [number, number, number, number] = [21, 101, 192, 150];

/** The 督办 flag over an escalated case. */
export const ESCALATED_COLOUR: [number, number, number] = [155, 28, 28];

export const rgbCss = (c: readonly number[]) => `rgb(${c.slice(0, 3).join(',')})`;

/** The selected worker's track of today: the selection's orange over a white casing, above the blue trails. */
export const WORKER_TRACK_COLOUR: [number, number, number] = [255, 106, 0];

/**
 * A key site whose inspection is overdue: a hollow violet ring around the site's icon (an overdue case is
 * a filled dot ringed in red, so the two cannot be mistaken).
 */
export const INSPECTION_OVERDUE_COLOUR: [number, number, number] = [142, 36, 170];
/** Pixels: wide enough to ring the key-site icon (18 px). */
export const INSPECTION_RING_RADIUS = 14;
