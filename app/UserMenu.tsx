'use client';

import { useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useCallback, useId, useRef, useState } from 'react';
import { textIn } from '@/geo/text/localized-text';
import type { ActorView } from '@/server/auth/policy';
import { ROLE_LABELS } from '@/server/auth/roles';
import { Inbox } from './inbox/Inbox';
import './inbox/inbox.css';
import { SignOutButton } from './SignOutButton';
import { useHydrated } from './use-hydrated';
import { useCloseOnOutsidePointer } from './use-close-on-outside-pointer';

/**
 * The signed-in user in a top bar: the inbox bell, and a button with their name that opens who they are
 * (roles over jurisdictions) and where they may go. Links follow the capabilities the server reported;
 * the server still checks every page and call. A user who must change their password first gets no
 * inbox (every call but the password change is refused until then).
 */
export function UserMenu({ viewer }: { viewer: ActorView }) {
  const t = useTranslations('account');
  const tw = useTranslations('workflow.menu');
  const tp = useTranslations('planner.menu');
  const tb = useTranslations('baseData.menu');
  const ts = useTranslations('staffing.menu');
  const ta = useTranslations('academy.menu');
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const closePanel = useCallback(() => setOpen(false), []);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  // Enabled once it can open (a click before hydration would be lost).
  const hydrated = useHydrated();

  useCloseOnOutsidePointer(root, open, closePanel);

  const can = (c: ActorView['capabilities'][number]) => viewer.capabilities.includes(c);
  return (
    <div className="ga-user-area">
      {!viewer.mustChangePassword && <Inbox />}
      <div
        className="ga-user"
        ref={root}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) {
            setOpen(false);
            button.current?.focus();
          }
        }}
      >
        <button ref={button} type="button" className="ga-user-button" disabled={!hydrated} aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
          <span className="ga-visually-hidden">{t('menuLabel')}</span>
          <span className="ga-user-name">{viewer.displayName}</span>
          <span aria-hidden="true" className="ga-user-caret">▾</span>
        </button>
        <div id={panelId} className="ga-user-panel" hidden={!open}>
          <p className="ga-user-who">
            <strong>{viewer.displayName}</strong> <span className="ga-mono ga-small">{viewer.username}</span>
          </p>
          <p className="ga-user-label">{t('roles')}</p>
          <ul className="ga-user-roles">
            {viewer.grants.map((g) => (
              <li key={`${g.role}-${g.jurisdiction.level}-${g.jurisdiction.id}`}>
                {textIn(ROLE_LABELS[g.role], locale)} · {g.jurisdiction.name}
              </li>
            ))}
          </ul>
          <ul className="ga-user-links">
            <li>
              <Link className="ga-user-link" href="/">
                {t('map')}
              </Link>
            </li>
            {can('draft_edit') && (
              <li>
                <Link className="ga-user-link" href="/editor">
                  {t('editor')}
                </Link>
              </li>
            )}
            {(can('plan_review') || can('plan_file')) && (
              <li>
                <Link className="ga-user-link" href="/plans">
                  {tw('plans')}
                </Link>
              </li>
            )}
            {can('incident_report') && (
              <li>
                <Link className="ga-user-link" href="/report">
                  {t('report')}
                </Link>
              </li>
            )}
            {can('incidents') && (
              <li>
                <Link className="ga-user-link" href="/command">
                  {t('command')}
                </Link>
              </li>
            )}
            {can('incidents') && (
              <li>
                <Link className="ga-user-link" href="/assessment">
                  {t('assessment')}
                </Link>
              </li>
            )}
            {can('planning') && (
              <li>
                <Link className="ga-user-link" href="/planner">
                  {tp('link')}
                </Link>
              </li>
            )}
            {can('address_import') && (
              <li>
                <Link className="ga-user-link" href="/base-data">
                  {tb('link')}
                </Link>
              </li>
            )}
            {can('staffing') && (
              <li>
                <Link className="ga-user-link" href="/staffing">
                  {ts('link')}
                </Link>
              </li>
            )}
            {can('academy') && (
              <li>
                <Link className="ga-user-link" href="/academy">
                  {ta('link')}
                </Link>
              </li>
            )}
            {can('user_admin') && (
              <li>
                <Link className="ga-user-link" href="/admin">
                  {t('admin')}
                </Link>
              </li>
            )}
            <li>
              <Link className="ga-user-link" href="/account/password">
                {t('changePassword')}
              </Link>
            </li>
          </ul>
          <SignOutButton className="ga-user-signout" />
        </div>
      </div>
    </div>
  );
}
