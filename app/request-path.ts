/** The path and query of a page request, so that signing in (pageAccess) comes back to exactly it. */
export function pathWithQuery(path: string, params: Record<string, string | string[] | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, one);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
