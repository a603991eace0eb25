/**
 * The building blocks of every procedure's input: ids and numbers bounded to what the database columns
 * hold, and text free of control characters and broken UTF-16. A value that passes these can always be
 * stored; nothing a client sends reaches PostgreSQL as an out-of-range integer, a NUL or a lone surrogate.
 */
import { endOfChinaDay, isChinaDay } from '@/geo/time/china-day';
import { z } from 'zod';
import { localized } from '@/geo/text/localized-text';

/** The largest value of an `int` column (serial ids, versions, counts). */
export const MAX_INT4 = 2 ** 31 - 1;

/** A row id of a `serial` table (districts, streets, communities, workers, key sites). */
export const serialId = z.number().int().positive().max(MAX_INT4);
/** A row id of a `bigserial` table (grids, drafts, addresses, incidents): bounded to exact JS integers. */
export const bigserialId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** An optimistic version number (`int` column). */
export const version = z.number().int().positive().max(MAX_INT4);

export const longitude = z.number().min(-180).max(180);
export const latitude = z.number().min(-90).max(90);
export const lonLat = z.tuple([longitude, latitude]);

// C0 controls and DEL, except the tab and line breaks a multi-line note may hold; and lone surrogates,
// which JSON's \uD800 escapes can produce and which no database encoding can store.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const CONTROL_OR_BREAK = /[\u0000-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const NO_CONTROL = { text: localized('不能包含控制字符或无效字符', 'must not contain control characters or invalid characters') };

/** One line of text (a name, a code, a query) of at most `max` characters. */
export const lineText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !CONTROL_OR_BREAK.test(s) && !LONE_SURROGATE.test(s), { params: NO_CONTROL });

/** Text that may run over several lines (notes) of at most `max` characters. */
export const multiLineText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !CONTROL.test(s) && !LONE_SURROGATE.test(s), { params: NO_CONTROL });

/** A calendar day in China, YYYY-MM-DD (a filing's effective date, the map's "as of"). */
export const chinaDay = z.string().max(10).refine(isChinaDay, { message: 'YYYY-MM-DD' });

/** The moment a query is asked at: the end of the "as of" day when one is given, else the request's moment. */
export const asOfMoment = (asOf: string | undefined, at: Date): Date => (asOf ? endOfChinaDay(asOf) : at);

/** A phone number as incident.reporter_phone holds it: digits, +, parentheses, spaces and dashes. */
export const phoneNumber = z.string().max(30).regex(/^[0-9+() -]*$/);

/** A catalogue code (incident category, department): lower-case words joined by underscores. */
export const catalogueCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/);
