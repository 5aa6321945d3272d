/**
 * The CORS allow-list. An entry is an exact origin (`app://glaceon`, the
 * Electron renderer; `https://play.example.com`), or `scheme://host:*` for
 * any port of one host: local development shells (the dev bridge, Vite)
 * listen on ports chosen at start. `null` (file pages, sandboxed frames) is
 * never allowed.
 */
export function createOriginMatcher(entries: readonly string[]): (origin: string) => boolean {
  const exact = new Set<string>();
  const anyPort: string[] = [];
  for (const entry of entries) {
    if (entry.endsWith(':*'))
      anyPort.push(entry.slice(0, -1)); // keep the colon: "http://127.0.0.1:"
    else exact.add(entry);
  }
  return (origin) => {
    if (origin === 'null') return false;
    if (exact.has(origin)) return true;
    return anyPort.some((prefix) => origin.startsWith(prefix) && /^[0-9]{1,5}$/.test(origin.slice(prefix.length)));
  };
}
