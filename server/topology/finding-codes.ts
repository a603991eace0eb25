/**
 * The topology engine's findings: stable codes (the one place they are defined), severities and the
 * report shape shared by the service, the HTTP route, the CLI and the editor.
 */
import type { Geometry } from 'geojson';
import type { LocalizedText } from '@/geo/text/localized-text';
import type { GridNorm, TopologyTolerances } from '../settings';

export const FINDING_CODES = {
  /** Geometry not valid in the OGC sense; the reason comes from ST_IsValidReason. */
  gridInvalid: 'GRID_INVALID',
  /** A ring crosses itself or another ring of the same polygon (bow-tie). */
  gridSelfIntersection: 'GRID_SELF_INTERSECTION',
  /** Empty geometry, or a part/ring with too few points to enclose an area. */
  gridEmptyPart: 'GRID_EMPTY_PART',
  /** Two grids share an area (not just an edge). */
  gridOverlap: 'GRID_OVERLAP',
  /** Part of a parent (community or given boundary) covered by no grid. */
  coverageGap: 'COVERAGE_GAP',
  /** Part of a grid outside its community (or the given boundary), within the same street. */
  gridSpill: 'GRID_SPILL',
  /** A thin or tiny grid or grid part. */
  gridSliver: 'GRID_SLIVER',
  /** A grid made of several separate pieces. */
  gridMultipart: 'GRID_MULTIPART',
  /** A hole in a grid that no other grid fills. */
  gridHole: 'GRID_HOLE',
  /** Grid area in another street or district, or in an enclave. */
  crossJurisdiction: 'CROSS_JURISDICTION',
  /** A standard address of the checked communities in no grid. */
  addressUnassigned: 'ADDRESS_UNASSIGNED',
  /** A standard address in more than one grid. */
  addressInSeveral: 'ADDRESS_IN_SEVERAL',
  /** Households or residents of a comprehensive grid outside the city's norm. */
  loadOutOfNorm: 'LOAD_OUT_OF_NORM',
  codeMissing: 'CODE_MISSING',
  /** Not 15 digits, zero sequence, or not starting with its community's code. */
  codeMalformed: 'CODE_MALFORMED',
  /** The same code twice in the set, or the code of a grid in force outside the set. */
  codeDuplicate: 'CODE_DUPLICATE',
  /** The grid names a community that does not exist, or lies in none. */
  communityUnknown: 'COMMUNITY_UNKNOWN',
  /** A community with no grid at all (its plan is still to come): not counted as a gap. */
  communityUngridded: 'COMMUNITY_UNGRIDDED',
} as const;

export type FindingCode = (typeof FINDING_CODES)[keyof typeof FINDING_CODES];
export type Severity = 'blocking' | 'warning';

export type SuggestedFix =
  /** Repair the geometry (ST_MakeValid, keeping polygonal parts). */
  | { kind: 'make-valid'; gridKey: string }
  /** Snap the grid's vertices to the neighbours' edges (tiny overlaps and gaps). */
  | { kind: 'snap-to-neighbours'; gridKey: string; neighbourKeys: string[] }
  /** Give the area (a sliver, a gap, a stray part) to the grid of the same parent with the longest shared edge. */
  | { kind: 'give-to-neighbour'; gridKey: string | null; targetGridKey: string; sharedEdgeM: number }
  /** Cut the grid back to its community (or the given boundary). */
  | { kind: 'clip-to-parent'; gridKey: string };

export interface ArrangementRef {
  id: number;
  kind: 'enclave' | 'pending_transfer';
  name: string;
  status: 'flagged' | 'recorded' | 'resolved';
}


export interface TopologyFinding {
  code: FindingCode;
  severity: Severity;
  /** Keys (GridCandidate.key) of the grids involved; neighbours in force appear as `inforce:<code>`. */
  gridKeys: string[];
  /** The problem's own geometry (overlap area, gap area, stray part, address point, invalidity location). */
  geometry: Geometry | null;
  /** Area of the problem geometry in m² (geodesic), when it has one. */
  areaM2?: number;
  communityCode?: string | null;
  households?: number;
  residents?: number;
  /** For invalid geometry: ST_IsValidReason. */
  reason?: string;
  arrangement?: ArrangementRef;
  /**
   * The finding rests on the repaired form (ST_MakeValid) of an invalid grid: the overlays ran on it so
   * that one broken grid does not hide the rest, but the grid itself is still reported as invalid.
   */
  repaired?: true;
  message: LocalizedText;
  fix?: SuggestedFix;
}

/** The settings a run used: the city's norm and tolerances (server/settings.ts), or a caller's override. */
export interface TopologySettings extends TopologyTolerances {
  norm: GridNorm;
}

export interface TopologyReport {
  engine: 'embedded' | 'server';
  /** Grids checked (the set, not the neighbours). */
  grids: number;
  /** Parents checked (communities, or 1 for a given boundary). */
  parents: number;
  /** Grids in force outside the set that the set was compared with. */
  neighbours: number;
  /** Blocking and warning findings found, listed or not. */
  blocking: number;
  warnings: number;
  /** True when nothing blocking was found. */
  ok: boolean;
  /** The findings, at most the run's limit per code (the first ones in grid order). */
  findings: TopologyFinding[];
  /** How many findings of each code were found in all (more than listed where a code hit the limit). */
  totals: Partial<Record<FindingCode, number>>;
  /** Findings found but not listed. */
  omitted: number;
  /** False when the run's time budget cut checks short (the notes name them). */
  complete: boolean;
  settings: TopologySettings;
  /** Checks that could not run everywhere and why (e.g. gaps next to an invalid grid). */
  notes: LocalizedText[];
  /** Milliseconds per check (codes, overlaps, gaps, ...), for the benchmark. */
  timingsMs: Record<string, number>;
  elapsedMs: number;
}

export const SEVERITY: Readonly<Record<FindingCode, Severity | 'depends'>> = {
  GRID_INVALID: 'blocking',
  GRID_SELF_INTERSECTION: 'blocking',
  GRID_EMPTY_PART: 'blocking',
  GRID_OVERLAP: 'depends',
  COVERAGE_GAP: 'blocking',
  GRID_SPILL: 'blocking',
  GRID_SLIVER: 'warning',
  GRID_MULTIPART: 'warning',
  GRID_HOLE: 'blocking',
  CROSS_JURISDICTION: 'depends',
  ADDRESS_UNASSIGNED: 'blocking',
  ADDRESS_IN_SEVERAL: 'blocking',
  LOAD_OUT_OF_NORM: 'warning',
  CODE_MISSING: 'warning',
  CODE_MALFORMED: 'blocking',
  CODE_DUPLICATE: 'blocking',
  COMMUNITY_UNKNOWN: 'blocking',
  COMMUNITY_UNGRIDDED: 'warning',
};
