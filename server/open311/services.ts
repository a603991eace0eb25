/**
 * Open311 services: the active categories of the incident catalogue (事部件分类). A service_code is a
 * category's code; none asks for extra fields (metadata false), and every request gets its id at once
 * (type realtime), being filed as a case in the same request.
 */
import { textIn } from '@/geo/text/localized-text';
import type { Executor } from '../db';
import { categoryByCode, categoryCatalogue, type Category } from '../incidents/categories';
import { IncidentError } from '../incidents/errors';
import type { Open311Document, Open311Fields } from './format';
import { classLabel } from './labels';
import type { HeaderLocale as Open311Locale } from '../http/accept-language';

/** The shape of a category code (incident_category.code's check): anything else names no service. */
export const SERVICE_CODE_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;

function serviceFields(c: Category, locale: Open311Locale): Open311Fields {
  const group = classLabel(c.class);
  return {
    service_code: c.code,
    service_name: textIn(c.name, locale),
    description:
      locale === 'en'
        ? `${group.en}: ${c.name.en}, handled by ${c.department.name.en}`
        : `${group['zh-CN']}：${c.name['zh-CN']}，由${c.department.name['zh-CN']}处置`,
    metadata: false,
    type: 'realtime',
    // Both languages whatever the answer's: a partner's search box may be in either.
    keywords: [c.name['zh-CN'], c.name.en, group['zh-CN'], group.en].join(', '),
    group: textIn(group, locale),
  };
}

/** GET services: every category a report may name now (retired ones are not offered). */
export async function serviceList(db: Executor, locale: Open311Locale): Promise<Open311Document> {
  const active = (await categoryCatalogue(db)).filter((c) => c.active);
  return { root: 'services', item: 'service', items: active.map((c) => serviceFields(c, locale)) };
}

/** An active service by its code; an unknown or retired one is CATEGORY_UNKNOWN (404 in Open311). */
export async function activeService(db: Executor, code: string): Promise<Category> {
  if (!SERVICE_CODE_PATTERN.test(code)) throw new IncidentError('CATEGORY_UNKNOWN');
  return categoryByCode(db, code, { activeOnly: true });
}

/** GET services/{service_code}: no service has extra fields, so its attributes are an empty list. */
export async function serviceDefinition(db: Executor, code: string): Promise<Open311Document> {
  const service = await activeService(db, code);
  return { root: 'service_definition', value: { service_code: service.code, attributes: [] }, itemNames: { attributes: 'attribute' } };
}
