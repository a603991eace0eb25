/** The head of a table's column of row buttons: named for a screen reader's table navigation, not shown. */
export function ActionsHead({ label }: { label: string }) {
  return (
    <th scope="col">
      <span className="ga-visually-hidden">{label}</span>
    </th>
  );
}

/** A table's head row: one column head per label, then (given its label) the column of row buttons. */
export function ColumnHeads({ heads, actions }: { heads: readonly string[]; actions?: string }) {
  return (
    <thead>
      <tr>
        {heads.map((h) => (
          <th key={h} scope="col">
            {h}
          </th>
        ))}
        {actions !== undefined && <ActionsHead label={actions} />}
      </tr>
    </thead>
  );
}
