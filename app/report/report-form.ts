/**
 * The report form's rules before sending (the server checks them all again): what is missing or wrong,
 * field by field, as reason codes the page words in the user's language, or the exact input of
 * incidents.report. Validation returns data; the reasons are constants in one place.
 */
import type { ReportPlace } from '@/server/incidents/intake';
import { photoIdsOf, queueReadiness, type PhotoQueue } from './photo-queue';

/** The channels of this page: the worker's patrol, the hotline desk (一号通), a scanned code. */
export type FormSource = 'patrol' | 'hotline' | 'public_scan';

export const REPORT_REASONS = {
  PLACE_REQUIRED: 'PLACE_REQUIRED',
  ADDRESS_REQUIRED: 'ADDRESS_REQUIRED',
  LON_INVALID: 'LON_INVALID',
  LAT_INVALID: 'LAT_INVALID',
  CATEGORY_REQUIRED: 'CATEGORY_REQUIRED',
  DESCRIPTION_REQUIRED: 'DESCRIPTION_REQUIRED',
  DESCRIPTION_TOO_LONG: 'DESCRIPTION_TOO_LONG',
  SEVERITY_INVALID: 'SEVERITY_INVALID',
  PHOTOS_UPLOADING: 'PHOTOS_UPLOADING',
  PHOTOS_FAILED: 'PHOTOS_FAILED',
  NAME_TOO_LONG: 'NAME_TOO_LONG',
  PHONE_INVALID: 'PHONE_INVALID',
} as const;
export type ReportReason = keyof typeof REPORT_REASONS;

/** Where the place of a report stands: chosen, or why not (the location step decides which). */
export type PlaceStatus = { ok: true; place: ReportPlace } | { ok: false; reason: 'PLACE_REQUIRED' | 'ADDRESS_REQUIRED' | 'LON_INVALID' | 'LAT_INVALID' };

export type ReportField = 'place' | 'categoryCode' | 'description' | 'severity' | 'photos' | 'reporterName' | 'reporterPhone';
/** The order the fields stand in on the page: the first wrong one takes the focus. */
export const FIELD_ORDER: readonly ReportField[] = ['place', 'reporterName', 'reporterPhone', 'categoryCode', 'description', 'severity', 'photos'];

export interface ReportDraft {
  categoryCode: string;
  description: string;
  severity: number;
  reporterName: string;
  reporterPhone: string;
}

export const EMPTY_DRAFT: ReportDraft = { categoryCode: '', description: '', severity: 1, reporterName: '', reporterPhone: '' };

/** Severity 1 一般 … 4 紧急 (incident.severity). */
export const SEVERITIES = [1, 2, 3, 4] as const;
export const DESCRIPTION_MAX = 4000;
export const NAME_MAX = 60;
export const PHONE_MAX = 30;

export interface ReportRequest {
  categoryCode: string;
  description: string;
  severity: number;
  place: ReportPlace;
  source: FormSource;
  photoIds: number[];
  reporterName?: string;
  reporterPhone?: string;
}

export type ReportCheck = { valid: true; input: ReportRequest } | { valid: false; errors: Partial<Record<ReportField, ReportReason>>; first: ReportField };

// What the server refuses in text (server/routers/inputs.ts): C0 controls and DEL, a note keeping its tabs
// and line breaks, a name none. Pasted text can carry them invisibly; they are dropped, not reported.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const CONTROL_OR_BREAK = /[\u0000-\u001F\u007F]+/g;
const PHONE = /^[0-9+() -]*$/;

export const cleanNote = (text: string): string => text.replace(CONTROL, '').trim();
export const cleanLine = (text: string): string => text.replace(CONTROL_OR_BREAK, ' ').trim();

export function validateReport(draft: ReportDraft, place: PlaceStatus, photos: PhotoQueue, source: FormSource): ReportCheck {
  const errors: Partial<Record<ReportField, ReportReason>> = {};
  if (!place.ok) errors.place = place.reason;
  const description = cleanNote(draft.description);
  if (!description) errors.description = 'DESCRIPTION_REQUIRED';
  else if (description.length > DESCRIPTION_MAX) errors.description = 'DESCRIPTION_TOO_LONG';
  if (!draft.categoryCode) errors.categoryCode = 'CATEGORY_REQUIRED';
  if (!(SEVERITIES as readonly number[]).includes(draft.severity)) errors.severity = 'SEVERITY_INVALID';
  const readiness = queueReadiness(photos);
  if (readiness === 'uploading') errors.photos = 'PHOTOS_UPLOADING';
  else if (readiness === 'failed') errors.photos = 'PHOTOS_FAILED';
  // The caller's name and phone are the hotline desk's (personal data); other channels send none.
  const name = source === 'hotline' ? cleanLine(draft.reporterName) : '';
  const phone = source === 'hotline' ? draft.reporterPhone.trim() : '';
  if (name.length > NAME_MAX) errors.reporterName = 'NAME_TOO_LONG';
  if (phone.length > PHONE_MAX || !PHONE.test(phone)) errors.reporterPhone = 'PHONE_INVALID';

  const first = FIELD_ORDER.find((f) => errors[f]);
  if (first || !place.ok) return { valid: false, errors, first: first ?? 'place' };
  return {
    valid: true,
    input: {
      categoryCode: draft.categoryCode,
      description,
      severity: draft.severity,
      place: place.place,
      source,
      photoIds: photoIdsOf(photos),
      ...(name ? { reporterName: name } : {}),
      ...(phone ? { reporterPhone: phone } : {}),
    },
  };
}

/** The active categories of the catalogue, grouped by class (部件 first, as the catalogue is ordered). */
export function categoryGroups<C extends { code: string; class: 'component' | 'event'; active: boolean }>(categories: readonly C[]): { class: 'component' | 'event'; categories: C[] }[] {
  return (['component', 'event'] as const)
    .map((cls) => ({ class: cls, categories: categories.filter((c) => c.active && c.class === cls) }))
    .filter((g) => g.categories.length > 0);
}
