import type { ReactNode } from 'react';

export interface AreaSelectProps {
  id: string;
  label: string;
  testId: string;
  /** The chosen area's code; '' for none. */
  value: string;
  /** The first option's text: what choosing no area of this level means (all districts, the whole district, …). */
  noneLabel: string;
  areas: readonly { code: string; name: string }[];
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string;
  /** The code chosen, null for the first option. */
  onChange: (code: string | null) => void;
  /** After the select, inside the field (a hint it is described by). */
  children?: ReactNode;
}

/** A labelled native select of the districts (or streets, …) to choose from, by code, with a first option for none. */
export function AreaSelect(props: AreaSelectProps) {
  return (
    <div className="ga-field">
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        data-testid={props.testId}
        value={props.value}
        disabled={props.disabled}
        aria-invalid={props.invalid || undefined}
        aria-describedby={props.describedBy}
        onChange={(e) => props.onChange(e.target.value || null)}
      >
        <option value="">{props.noneLabel}</option>
        {props.areas.map((a) => (
          <option key={a.code} value={a.code}>
            {a.name}
          </option>
        ))}
      </select>
      {props.children}
    </div>
  );
}
