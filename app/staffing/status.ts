/**
 * The staffing map's colours, one per status of geo/staffing/compliance.ts, and the tiles' fill built
 * from the street's grids (a `match` on the grid tiles' `code`, as the assessment map's choropleth does).
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import type { GridStaffingStatus } from '@/geo/staffing/compliance';
import { NO_DATA_COLOUR } from '../assessment/choropleth';

export const STATUS_ORDER: readonly GridStaffingStatus[] = ['vacant', 'no_full_time', 'ok', 'dedicated'];

/** Red, amber, green and grey-blue: told apart by lightness too, and always named beside the swatch. */
export const STATUS_COLOURS: Readonly<Record<GridStaffingStatus, string>> = {
  vacant: '#c62828',
  no_full_time: '#f0a202',
  ok: '#2e7d32',
  dedicated: '#7d8ea6',
};

export function statusFill(grids: readonly { code: string; status: GridStaffingStatus }[]): ExpressionSpecification | string {
  const arms = STATUS_ORDER.flatMap((s) => {
    const codes = grids.filter((g) => g.status === s).map((g) => g.code).sort();
    return codes.length ? [codes, STATUS_COLOURS[s]] : [];
  });
  if (arms.length === 0) return NO_DATA_COLOUR;
  return ['match', ['to-string', ['get', 'code']], ...arms, NO_DATA_COLOUR] as unknown as ExpressionSpecification;
}
