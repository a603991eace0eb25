/**
 * Every problem an imported grid file can have, with a stable code, where it is, and a message in zh-CN
 * and English. All codes of geo/interchange and server/interchange live here, in one place: callers (the
 * HTTP layer, the CLI, the editor) switch on `code`, never on message text.
 */

import { localized, type LocalizedText } from '../text/localized-text';

export const INPUT_ERRORS = {
  // Document level
  notJson: 'INPUT_NOT_JSON',
  notGeoJson: 'INPUT_NOT_GEOJSON',
  noFeatures: 'INPUT_NO_FEATURES',
  tooManyFeatures: 'INPUT_TOO_MANY_FEATURES',
  fileTooManyVertices: 'INPUT_FILE_TOO_MANY_VERTICES',
  crsNotWgs84: 'INPUT_CRS_NOT_WGS84',
  crsGcj02NotDeclared: 'INPUT_CRS_GCJ02_NOT_DECLARED',
  tooManyErrors: 'INPUT_TOO_MANY_ERRORS',
  unreadable: 'INPUT_UNREADABLE',
  // Feature and geometry level
  featureMalformed: 'INPUT_FEATURE_MALFORMED',
  geometryMissing: 'INPUT_GEOMETRY_MISSING',
  geometryNotPolygon: 'INPUT_GEOMETRY_NOT_POLYGON',
  geometryEmpty: 'INPUT_GEOMETRY_EMPTY',
  coordinatesMalformed: 'INPUT_COORDINATES_MALFORMED',
  coordinateNotNumber: 'INPUT_COORDINATE_NOT_NUMBER',
  coordinateNotFinite: 'INPUT_COORDINATE_NOT_FINITE',
  positionDimension: 'INPUT_POSITION_DIMENSION',
  latitudeOutOfRange: 'INPUT_LATITUDE_OUT_OF_RANGE',
  longitudeOutOfRange: 'INPUT_LONGITUDE_OUT_OF_RANGE',
  coordinateOrderSwapped: 'INPUT_COORDINATE_ORDER_SWAPPED',
  ringNotClosed: 'INPUT_RING_NOT_CLOSED',
  ringTooFewPositions: 'INPUT_RING_TOO_FEW_POSITIONS',
  gridTooManyVertices: 'INPUT_GRID_TOO_MANY_VERTICES',
  // Properties
  propertiesMalformed: 'INPUT_PROPERTIES_MALFORMED',
  gridCodeInvalid: 'INPUT_GRID_CODE_INVALID',
  communityCodeInvalid: 'INPUT_COMMUNITY_CODE_INVALID',
  codeCommunityMismatch: 'INPUT_CODE_COMMUNITY_MISMATCH',
  nameInvalid: 'INPUT_NAME_INVALID',
  kindInvalid: 'INPUT_KIND_INVALID',
  dedicatedTypeInvalid: 'INPUT_DEDICATED_TYPE_INVALID',
  dedicatedTypeMissing: 'INPUT_DEDICATED_TYPE_MISSING',
  dedicatedTypeOnComprehensive: 'INPUT_DEDICATED_TYPE_ON_COMPREHENSIVE',
  // Files and archives (server/interchange)
  fileTooLarge: 'FILE_TOO_LARGE',
  fileFormatUnsupported: 'FILE_FORMAT_UNSUPPORTED',
  fileEncodingNotUtf8: 'FILE_ENCODING_NOT_UTF8',
  archiveCorrupt: 'ARCHIVE_CORRUPT',
  archiveUnsupported: 'ARCHIVE_UNSUPPORTED',
  archiveUnsafePath: 'ARCHIVE_UNSAFE_PATH',
  archiveUnexpectedEntry: 'ARCHIVE_UNEXPECTED_ENTRY',
  archiveNestedArchive: 'ARCHIVE_NESTED_ARCHIVE',
  archiveExecutable: 'ARCHIVE_EXECUTABLE',
  archiveTooManyEntries: 'ARCHIVE_TOO_MANY_ENTRIES',
  archiveTooLargeUncompressed: 'ARCHIVE_TOO_LARGE_UNCOMPRESSED',
  archiveNoShapefile: 'ARCHIVE_NO_SHAPEFILE',
  archiveMultipleShapefiles: 'ARCHIVE_MULTIPLE_SHAPEFILES',
  shapefileUnreadable: 'SHAPEFILE_UNREADABLE',
  shapefilePrjUnsupported: 'SHAPEFILE_PRJ_UNSUPPORTED',
  kmlMalformed: 'KML_MALFORMED',
  kmlDoctypeRefused: 'KML_DOCTYPE_REFUSED',
} as const;
export type InputErrorCode = (typeof INPUT_ERRORS)[keyof typeof INPUT_ERRORS];

export const INPUT_WARNINGS = {
  zDropped: 'INPUT_Z_DROPPED',
  kindDefaulted: 'INPUT_KIND_DEFAULTED',
  codeFromNumber: 'INPUT_CODE_FROM_NUMBER',
  outsideChina: 'INPUT_OUTSIDE_CHINA',
  crsConverted: 'INPUT_CRS_CONVERTED_FROM_GCJ02',
  shapefilePrjMissing: 'SHAPEFILE_PRJ_MISSING',
  shapefileDbfMissing: 'SHAPEFILE_DBF_MISSING',
  shapefileEncodingAssumedGbk: 'SHAPEFILE_ENCODING_ASSUMED_GBK',
  archiveEntryIgnored: 'ARCHIVE_ENTRY_IGNORED',
} as const;
export type InputWarningCode = (typeof INPUT_WARNINGS)[keyof typeof INPUT_WARNINGS];


export interface InputIssue<C extends string = InputErrorCode | InputWarningCode> {
  code: C;
  /** 0-based index of the feature (or shapefile record / KML placemark) concerned; null for the whole file. */
  featureIndex: number | null;
  /** Where in the document: `features[3].geometry.coordinates[0][7]`, an archive entry name, or ''. */
  path: string;
  message: LocalizedText;
}
export type InputError = InputIssue<InputErrorCode>;
export type InputWarning = InputIssue<InputWarningCode>;

/** Short for localized(): the interchange code builds many messages. */
export const msg = localized;

/** Where a feature is, in words, for messages: "第 4 个要素" / "feature #4" (1-based for people). */
export function featureLabel(featureIndex: number | null): LocalizedText {
  if (featureIndex === null) return msg('文件', 'the file');
  return msg(`第 ${featureIndex + 1} 个要素`, `feature #${featureIndex + 1}`);
}

export function issue<C extends InputErrorCode | InputWarningCode>(
  code: C,
  featureIndex: number | null,
  path: string,
  message: LocalizedText,
): InputIssue<C> {
  return { code, featureIndex, path, message };
}

/** Prefixes a message with the feature it concerns, so a list of errors reads on its own. */
export function located(featureIndex: number | null, message: LocalizedText): LocalizedText {
  if (featureIndex === null) return message;
  const where = featureLabel(featureIndex);
  return msg(`${where['zh-CN']}：${message['zh-CN']}`, `${where.en}: ${message.en}`);
}

export type GridImportResult<G> =
  | { ok: true; grids: G[]; warnings: InputWarning[] }
  | { ok: false; errors: InputError[]; warnings: InputWarning[] };
