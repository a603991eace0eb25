/**
 * Where the sign-in page may send a user afterwards: a path of this app only, never another site. A
 * path of URL characters only, so no tab, newline or backslash can turn "/\t/evil.example" into
 * "//evil.example" (browsers drop those characters from URLs), and not "//…" itself.
 */
const APP_PATH = /^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@%/?#]*$/;

export function safeNextPath(next: string | null | undefined): string {
  return next && next.length <= 2000 && APP_PATH.test(next) ? next : '/';
}
