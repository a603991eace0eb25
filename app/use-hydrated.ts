'use client';

import { useEffect, useState } from 'react';

/**
 * False in the server's HTML, true once React runs in the browser. Forms with passwords keep their
 * submit buttons disabled until then: submitted natively, before hydration, a form would send its
 * fields as a GET query, and a password would end up in the address bar and the server's logs.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
