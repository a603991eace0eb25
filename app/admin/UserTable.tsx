'use client';

import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { Fragment, useRef, useState } from 'react';
import { textIn } from '@/geo/text/localized-text';
import type { Grant, Jurisdiction } from '@/server/auth/actor';
import { ROLE_LABELS } from '@/server/auth/roles';
import type { UserSummary } from '@/server/users/service';
import { UserPanel } from './UserPanel';

export interface UserTableProps {
  users: UserSummary[];
  jurisdictions: Jurisdiction[];
  passwordMinLength: number;
}

/** The accounts the administrator manages; "manage" opens one account's panel below its row. */
export function UserTable({ users, jurisdictions, passwordMinLength }: UserTableProps) {
  const t = useTranslations('admin');
  const [open, setOpen] = useState<number | null>(null);
  const buttons = useRef(new Map<number, HTMLButtonElement>());
  const close = (id: number) => {
    setOpen(null);
    // Back to the button that opened the panel.
    buttons.current.get(id)?.focus();
  };
  return (
    <table className="ga-table ga-users">
      <caption className="ga-visually-hidden">{t('usersTitle')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('username')}</th>
          <th scope="col">{t('displayName')}</th>
          <th scope="col">{t('grants')}</th>
          <th scope="col">{t('status')}</th>
          <th scope="col">
            <span className="ga-visually-hidden">{t('actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <Fragment key={u.id}>
            <tr data-username={u.username}>
              <th scope="row">
                <span className="ga-mono">{u.username}</span>
                {u.demo && <span className="ga-badge">{t('demo')}</span>}
              </th>
              <td>{u.displayName}</td>
              <td>
                <GrantList grants={u.grants} />
              </td>
              <td>
                <UserStatus user={u} />
              </td>
              <td>
                <button
                  type="button"
                  className="ga-secondary"
                  ref={(el) => {
                    if (el) buttons.current.set(u.id, el);
                    else buttons.current.delete(u.id);
                  }}
                  aria-expanded={open === u.id}
                  onClick={() => (open === u.id ? close(u.id) : setOpen(u.id))}
                >
                  {t('manage')}
                  <span className="ga-visually-hidden"> {u.username}</span>
                </button>
              </td>
            </tr>
            {open === u.id && (
              <tr className="ga-users-panel">
                <td colSpan={5}>
                  <UserPanel key={u.id} user={u} jurisdictions={jurisdictions} passwordMinLength={passwordMinLength} onClose={() => close(u.id)} />
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}

function GrantList({ grants }: { grants: Grant[] }) {
  const t = useTranslations('admin');
  const locale = useLocale();
  if (grants.length === 0) return <span className="ga-muted">{t('noGrants')}</span>;
  return (
    <ul className="ga-plain-list">
      {grants.map((g) => (
        <li key={`${g.role}-${g.jurisdiction.level}-${g.jurisdiction.id}-${g.workerId ?? ''}`}>
          {textIn(ROLE_LABELS[g.role], locale)} · {g.jurisdiction.name}
          {g.layers && <span className="ga-muted">{t('grantLayers', { layers: g.layers.map((l) => t(`layer.${l}`)).join(t('listSeparator')) })}</span>}
        </li>
      ))}
    </ul>
  );
}

function UserStatus({ user }: { user: UserSummary }) {
  const t = useTranslations('admin');
  const format = useFormatter();
  const badges: { key: string; text: string; tone: 'ok' | 'warn' | 'bad' }[] = [];
  if (user.disabled) badges.push({ key: 'disabled', text: t('statusDisabled'), tone: 'bad' });
  if (user.lockedUntil) badges.push({ key: 'locked', text: t('statusLocked', { until: format.dateTime(user.lockedUntil, { timeStyle: 'short' }) }), tone: 'bad' });
  if (user.mustChangePassword) badges.push({ key: 'password', text: t('statusMustChange'), tone: 'warn' });
  if (badges.length === 0) badges.push({ key: 'active', text: t('statusActive'), tone: 'ok' });
  return (
    <span className="ga-status-list">
      {badges.map((b) => (
        <span key={b.key} className={`ga-badge ga-badge-${b.tone}`}>
          {b.text}
        </span>
      ))}
    </span>
  );
}
