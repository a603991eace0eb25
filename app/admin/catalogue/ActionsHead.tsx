/** The head of a table's column of row buttons: named for a screen reader's table navigation, not shown. */
export function ActionsHead({ label }: { label: string }) {
  return (
    <th scope="col">
      <span className="ga-visually-hidden">{label}</span>
    </th>
  );
}
