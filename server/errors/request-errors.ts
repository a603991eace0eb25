/**
 * Failures of a request before any service runs: the input schema (zod) and the transport (batch size,
 * body size, unparsable JSON, unknown procedure). Each has a stable code and both languages, like every
 * other error a user can see.
 */
import type { ZodIssue } from 'zod';
import { localized, type LocalizedText } from '@/geo/text/localized-text';
import { domainErrorClass } from './domain-error';

export const REQUEST_ERRORS = {
  INPUT_INVALID: { kind: 'invalid', text: localized('请求参数无效', 'The request is not valid') },
  REQUEST_NOT_JSON: { kind: 'invalid', text: localized('请求体不是有效的 JSON', 'The request body is not valid JSON') },
  REQUEST_TOO_LARGE: { kind: 'too_large', text: localized('请求过大', 'The request is too large') },
  BATCH_TOO_LARGE: { kind: 'invalid', text: localized('一次请求包含的调用过多', 'The request batches too many calls') },
  METHOD_NOT_ALLOWED: { kind: 'invalid', text: localized('不支持的请求方法', 'This method is not supported here') },
  PROCEDURE_NOT_FOUND: { kind: 'not_found', text: localized('接口不存在', 'No such procedure') },
} as const;

export const RequestError = domainErrorClass<keyof typeof REQUEST_ERRORS>('RequestError', REQUEST_ERRORS);
export type RequestError = InstanceType<typeof RequestError>;

/** What every unexpected failure says to the client (the detail goes to the server log only). */
export const INTERNAL_ERROR_TEXT: LocalizedText = localized('服务器内部错误，请稍后重试', 'Something went wrong on the server; try again later');

const pathOf = (issue: ZodIssue) => (issue.path.length ? issue.path.join('.') : '');

/** "At least / at most n": characters of a string, items of an array, else the value itself. */
function bound(type: string, n: string, side: 'min' | 'max'): LocalizedText {
  const [zh, en] = side === 'min' ? ['至少', 'at least'] : ['最多', 'at most'];
  if (type === 'string') return localized(`${zh} ${n} 个字符`, `must have ${en} ${n} characters`);
  if (type === 'array') return localized(`${zh} ${n} 项`, `must have ${en} ${n} items`);
  return side === 'min' ? localized(`不能小于 ${n}`, `must be at least ${n}`) : localized(`不能大于 ${n}`, `must be at most ${n}`);
}

/** One zod issue in both languages, naming the field. */
export function describeZodIssue(issue: ZodIssue): LocalizedText {
  const where = pathOf(issue);
  const at = (t: LocalizedText) => (where ? localized(`${where}：${t['zh-CN']}`, `${where}: ${t.en}`) : t);
  switch (issue.code) {
    case 'invalid_type':
      return at(issue.received === 'undefined' ? localized('缺少此项', 'is required') : localized(`类型应为 ${issue.expected}`, `must be ${issue.expected}`));
    case 'too_small':
      return at(bound(issue.type, String(issue.minimum), 'min'));
    case 'too_big':
      return at(bound(issue.type, String(issue.maximum), 'max'));
    case 'invalid_enum_value':
      return at(localized(`取值应为 ${issue.options.join('、')} 之一`, `must be one of ${issue.options.join(', ')}`));
    case 'invalid_literal':
      return at(localized(`取值应为 ${String(issue.expected)}`, `must be ${String(issue.expected)}`));
    case 'unrecognized_keys':
      return at(localized(`不认识的字段：${issue.keys.join('、')}`, `unknown fields: ${issue.keys.join(', ')}`));
    case 'invalid_union_discriminator':
      return at(localized(`取值应为 ${issue.options.map(String).join('、')} 之一`, `must be one of ${issue.options.map(String).join(', ')}`));
    case 'not_finite':
      return at(localized('必须是有限数值', 'must be a finite number'));
    case 'invalid_string':
      return at(localized('格式不正确', 'is not in the expected format'));
    case 'custom': {
      const text = (issue.params as { text?: LocalizedText } | undefined)?.text;
      return at(text ?? localized('取值无效', 'is not valid'));
    }
    default:
      return at(localized('取值无效', 'is not valid'));
  }
}

/** The issues of a refused input as one bilingual message (the first few; the rest counted). */
export function describeZodIssues(issues: readonly ZodIssue[]): LocalizedText {
  const shown = issues.slice(0, 3).map(describeZodIssue);
  const more = issues.length - shown.length;
  const zh = shown.map((t) => t['zh-CN']).join('；') + (more > 0 ? `；另有 ${more} 处` : '');
  const en = shown.map((t) => t.en).join('; ') + (more > 0 ? `; and ${more} more` : '');
  return localized(zh, en);
}
