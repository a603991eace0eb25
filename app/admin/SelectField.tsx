'use client';

import { useId, type ReactNode } from 'react';

/**
 * A labelled select. The label stands beside the select rather than around it, so the select's name is
 * the label alone (a wrapping label would add the chosen option to it).
 */
export function SelectField({
  label,
  value,
  onChange,
  children,
  busy,
  className = 'ga-field',
}: {
  label: string;
  value: string | number;
  onChange: (value: string) => void;
  children: ReactNode;
  busy?: boolean;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-busy={busy}>
        {children}
      </select>
    </div>
  );
}
