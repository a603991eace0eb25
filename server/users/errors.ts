/** Expected failures of user administration, with their kind and text in both languages. */
import { localized } from '@/geo/text/localized-text';
import { domainErrorClass } from '../errors/domain-error';

export const USER_ERRORS = {
  USER_NOT_FOUND: { kind: 'not_found', text: localized('用户不存在', 'User not found') },
  USERNAME_TAKEN: { kind: 'conflict', text: localized('用户名已被使用', 'The username is taken') },
  USERNAME_INVALID: {
    kind: 'invalid',
    text: localized('用户名须为 2 到 40 个小写字母、数字或 . _ -，并以字母或数字开头', 'The username needs 2 to 40 lower-case letters, digits or . _ -, starting with a letter or digit'),
  },
  USER_STALE_VERSION: { kind: 'conflict', text: localized('该用户已被他人修改，请刷新后重试', 'Someone else changed this user; reload and try again') },
  GRANT_INVALID: { kind: 'invalid', text: localized('角色与辖区的组合无效', 'The role and jurisdiction do not fit together') },
  JURISDICTION_NOT_FOUND: { kind: 'not_found', text: localized('辖区不存在', 'Jurisdiction not found') },
  GRANT_OUTSIDE_ADMIN_SCOPE: { kind: 'forbidden', text: localized('不能授予您辖区以外的权限', 'You cannot grant a role outside your own jurisdiction') },
  CANNOT_CHANGE_OWN_ACCESS: {
    kind: 'invalid',
    text: localized('不能停用自己的账户或撤销自己的管理员权限', 'You cannot disable your own account or remove your own administrator role'),
  },
  NO_GRANT: { kind: 'invalid', text: localized('用户至少需要一个角色', 'A user needs at least one role') },
} as const;

export const UserError = domainErrorClass<keyof typeof USER_ERRORS>('UserError', USER_ERRORS);
