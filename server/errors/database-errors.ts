/**
 * Database failures as domain errors, decided by SQLSTATE and by the name of the violated constraint,
 * never by the message (which goes to the server log, never to a client). One table for the whole app:
 * the tRPC mapper, the HTTP routes and the draft edits all call toDomainError.
 */
import { localized } from '@/geo/text/localized-text';
import { databaseFailure, SwallowedQueryError } from '../db/errors';
import { DraftError, type DraftErrorCode } from '../drafts/errors';
import { PlanError } from '../plans/errors';
import { DomainError, domainErrorClass } from './domain-error';

export const DATABASE_ERRORS = {
  INPUT_NOT_STORABLE: {
    kind: 'invalid',
    text: localized('输入中有无法保存的值（超出范围、格式错误或含非法字符）', 'The input holds a value that cannot be stored (out of range, malformed or with a forbidden character)'),
  },
  DATA_REJECTED: { kind: 'invalid', text: localized('数据不符合规则，未保存', 'The data breaks a rule and was not saved') },
  DATA_CONFLICT: { kind: 'conflict', text: localized('与已有数据冲突，未保存', 'The change conflicts with existing data and was not saved') },
  REFERENCE_NOT_FOUND: { kind: 'not_found', text: localized('引用的对象不存在', 'Something the request refers to does not exist') },
  GRID_CODE_PERIOD_OVERLAP: {
    kind: 'conflict',
    text: localized('同一网格编码的两个版本有效期重叠', 'Two versions of one grid code would be in force at the same time'),
  },
  TRY_AGAIN: { kind: 'conflict', text: localized('数据正被他人修改，请稍后重试', 'Someone else is changing the same data; try again') },
  QUERY_TIMEOUT: { kind: 'unavailable', text: localized('查询超时，请缩小范围后重试', 'The query took too long; narrow it down and try again') },
  DATABASE_UNAVAILABLE: { kind: 'unavailable', text: localized('数据库暂时不可用，请稍后重试', 'The database is unavailable; try again later') },
} as const;

export const DatabaseError = domainErrorClass<keyof typeof DATABASE_ERRORS>('DatabaseError', DATABASE_ERRORS);
export type DatabaseError = InstanceType<typeof DatabaseError>;

type Mapped = () => DomainError;

/** Named constraints (migrations) and what breaking each means; the name is the whole contract. */
const CONSTRAINTS: Readonly<Record<string, Mapped>> = {
  grid_code_versions_do_not_overlap: () => new DatabaseError('GRID_CODE_PERIOD_OVERLAP'),
  grid_assignment_periods_do_not_overlap: () => new DatabaseError('DATA_CONFLICT'),
  grid_draft_filing_number_idx: () => new PlanError('FILING_NUMBER_TAKEN'),
  ...draftConstraint('GRID_GEOMETRY_INVALID', ['grid_draft_grid_geom_check', 'grid_geom_check']),
  ...draftConstraint('GRID_ATTRIBUTES_INVALID', [
    'grid_draft_grid_name_check',
    'grid_draft_grid_responsible_unit_check',
    'grid_draft_grid_notes_check',
    'grid_draft_grid_check',
    'grid_draft_grid_code_check',
    'grid_draft_grid_code_matches_community',
    'grid_code_matches_community',
  ]),
  ...draftConstraint('DRAFT_NOT_FOUND', ['grid_draft_grid_draft_id_fkey', 'grid_draft_edit_draft_id_fkey']),
  ...draftConstraint('STREET_NOT_FOUND', ['grid_draft_street_id_fkey']),
  ...draftConstraint('COMMUNITY_NOT_IN_STREET', ['grid_draft_grid_community_id_fkey']),
};

function draftConstraint(code: DraftErrorCode, names: string[]): Record<string, Mapped> {
  return Object.fromEntries(names.map((n) => [n, () => new DraftError(code)]));
}

/** By SQLSTATE class (first two characters) or exact code, for failures without a known constraint. */
function bySqlState(state: string): DomainError | null {
  switch (state) {
    case '23505':
    case '23P01':
      return new DatabaseError('DATA_CONFLICT');
    case '23503':
      return new DatabaseError('REFERENCE_NOT_FOUND');
    case '23502':
    case '23514':
      return new DatabaseError('DATA_REJECTED');
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
    case '55P03': // lock_not_available
      return new DatabaseError('TRY_AGAIN');
    case '57014': // query_canceled (statement_timeout)
      return new DatabaseError('QUERY_TIMEOUT');
    case 'XX000':
      // PostGIS raises every error of its own (a GEOS TopologyException, unparsable geometry) as
      // internal_error: in this app that is a geometry operation that failed on the input.
      return new DraftError('GEOMETRY_OPERATION_FAILED');
  }
  switch (state.slice(0, 2)) {
    case '22': // data_exception: out of range, invalid text, NUL or invalid escapes, too long
      return new DatabaseError('INPUT_NOT_STORABLE');
    case '08': // connection_exception
    case '53': // insufficient_resources
    case '57': // operator_intervention (shutdown)
      return new DatabaseError('DATABASE_UNAVAILABLE');
  }
  return null;
}

/**
 * The domain error a failure means, or null when it is not a known database failure (a bug: the caller
 * logs it and answers a generic 500). Domain errors pass through unchanged.
 */
export function toDomainError(err: unknown): DomainError | null {
  if (err instanceof DomainError) return err;
  // The embedded engine's swallowed GEOS error and the server's raised one end the same way.
  if (err instanceof SwallowedQueryError) return new DraftError('GEOMETRY_OPERATION_FAILED');
  const failure = databaseFailure(err);
  if (!failure) return null;
  const byName = failure.constraint ? CONSTRAINTS[failure.constraint] : undefined;
  return byName ? byName() : bySqlState(failure.sqlState);
}
