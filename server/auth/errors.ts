/**
 * Expected failures of signing in and of access: each code with its kind (so its HTTP/tRPC status) and
 * its text in zh-CN and English. A denial never says more than the caller may know: a draft of another
 * street answers exactly as a draft that does not exist.
 */
import { localized } from '@/geo/text/localized-text';
import { domainErrorClass } from '../errors/domain-error';

export const AUTH_ERRORS = {
  SIGN_IN_REQUIRED: { kind: 'unauthenticated', text: localized('请先登录', 'Please sign in first') },
  SESSION_EXPIRED: { kind: 'unauthenticated', text: localized('登录已过期，请重新登录', 'Your session has ended; please sign in again') },
  BAD_CREDENTIALS: { kind: 'unauthenticated', text: localized('用户名或密码错误', 'Wrong username or password') },
  ACCOUNT_LOCKED: { kind: 'forbidden', text: localized('账户因多次登录失败已被锁定', 'The account is locked after repeated failed sign-ins') },
  ACCOUNT_DISABLED: { kind: 'forbidden', text: localized('账户已停用，请联系管理员', 'The account is disabled; ask an administrator') },
  TOO_MANY_SIGN_INS: {
    kind: 'too_many',
    text: localized('来自该地址的登录失败次数过多，请稍后再试', 'Too many failed sign-ins from this address; try again later'),
  },
  PASSWORD_CHANGE_REQUIRED: {
    kind: 'forbidden',
    text: localized('管理员已重置您的密码，请先设置新密码', 'An administrator reset your password; choose a new one first'),
  },
  PASSWORD_TOO_WEAK: {
    kind: 'invalid',
    text: localized('新密码至少 10 个字符，且不能与用户名相同', 'The new password needs at least 10 characters and must differ from the username'),
  },
  PASSWORD_UNCHANGED: { kind: 'invalid', text: localized('新密码不能与当前密码相同', 'The new password must differ from the current one') },
  CROSS_SITE_REQUEST: {
    kind: 'forbidden',
    text: localized('拒绝来自其他站点的请求（CSRF 防护）', 'A request from another site was refused (CSRF protection)'),
  },
  ACCESS_DENIED: { kind: 'forbidden', text: localized('您没有执行此操作的权限', 'You are not allowed to do this') },
  OUT_OF_JURISDICTION: { kind: 'forbidden', text: localized('该对象不在您的辖区内', 'This is outside your jurisdiction') },
  NO_POLICY: { kind: 'forbidden', text: localized('该接口未配置访问策略，已拒绝', 'This interface has no access policy and is refused') },
} as const;

export const AuthError = domainErrorClass<keyof typeof AUTH_ERRORS>('AuthError', AUTH_ERRORS);
export type AuthError = InstanceType<typeof AuthError>;
export type AuthErrorCode = keyof typeof AUTH_ERRORS;
