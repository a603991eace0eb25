/** The expected failures of the change feed's administration, each with its kind and both languages. */
import { localized } from '@/geo/text/localized-text';
import { WEBHOOK_URL_MAX } from '@/geo/webhooks/webhook-events';
import { domainErrorClass, type ErrorSpec } from '../errors/domain-error';

export const WEBHOOK_ERRORS = {
  WEBHOOK_URL_REQUIRED: { kind: 'invalid', text: localized('请填写接收地址（URL）', 'Give the receiving URL') },
  WEBHOOK_URL_TOO_LONG: { kind: 'invalid', text: localized(`接收地址最长 ${WEBHOOK_URL_MAX} 个字符`, `The receiving URL may be at most ${WEBHOOK_URL_MAX} characters long`) },
  WEBHOOK_URL_INVALID: { kind: 'invalid', text: localized('接收地址不是有效的网址，例如 https://example.gov.cn/gridatlas/hook', 'The receiving URL is not a valid URL, e.g. https://example.gov.cn/gridatlas/hook') },
  WEBHOOK_URL_SCHEME: { kind: 'invalid', text: localized('接收地址须以 http:// 或 https:// 开头', 'The receiving URL must start with http:// or https://') },
  WEBHOOK_URL_CREDENTIALS: {
    kind: 'invalid',
    text: localized('接收地址中不能包含用户名或密码；接收方请以签名核验请求', 'The receiving URL must not hold a user name or password; the receiver verifies the signature instead'),
  },
  WEBHOOK_EVENTS_REQUIRED: { kind: 'invalid', text: localized('请至少选择一种推送事件', 'Choose at least one event') },
  // The detail names the event.
  WEBHOOK_EVENT_NOT_OPENED: {
    kind: 'invalid',
    text: localized('该部门密钥未开放此事件所需的数据集', "The department key does not open the collection this event needs"),
  },
  WEBHOOK_KEY_NOT_FOUND: { kind: 'not_found', text: localized('部门密钥不存在', 'Department key not found') },
  WEBHOOK_KEY_REVOKED: { kind: 'conflict', text: localized('该部门密钥已吊销，不能再订阅推送', 'The department key is revoked: it can no longer subscribe') },
  WEBHOOK_TOO_MANY: { kind: 'conflict', text: localized('每个部门密钥最多 5 个有效的推送订阅', 'A department key may have at most 5 live subscriptions') },
  WEBHOOK_NOT_FOUND: { kind: 'not_found', text: localized('推送订阅不存在', 'Subscription not found') },
  WEBHOOK_DISABLED: { kind: 'conflict', text: localized('推送订阅已停用或其部门密钥已吊销', 'The subscription is disabled or its department key revoked') },
} as const satisfies Record<string, ErrorSpec>;
export type WebhookErrorCode = keyof typeof WEBHOOK_ERRORS;

export const WebhookError = domainErrorClass<WebhookErrorCode>('WebhookError', WEBHOOK_ERRORS);
export type WebhookError = InstanceType<typeof WebhookError>;
