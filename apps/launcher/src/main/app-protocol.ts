import { net, protocol } from 'electron';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The packaged renderer is served from `app://glaceon/` rather than `file://`:
 * file pages have the opaque origin "null", which a CORS allow-list (Realm)
 * cannot safely accept, and every file on disk would share it. A standard,
 * secure custom scheme gives the renderer one real origin.
 */
export { APP_ORIGIN } from './services/window-policy.js';
const ROOT = fileURLToPath(new URL('../../dist-renderer/', import.meta.url));

/** A file of the built renderer (e.g. the icon for the tray). */
export function rendererFile(name: string): string {
  return join(ROOT, name);
}

/** Must run before `app.whenReady()`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * After ready: map app://glaceon/<path> to dist-renderer/<path>, never outside it. HTML
 * carries the Content-Security-Policy built from the current settings (connect-src names
 * the configured backend, not any host), so it follows a changed server after a reload.
 */
export function serveRenderer(contentSecurityPolicy: () => Promise<string>): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'glaceon') return new Response('Not found', { status: 404 });
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = normalize(join(ROOT, relative));
    if (!file.startsWith(ROOT.endsWith(sep) ? ROOT : ROOT + sep)) return new Response('Forbidden', { status: 403 });
    const response = await net.fetch(pathToFileURL(file).href);
    if (!file.endsWith('.html')) return response;
    const headers = new Headers(response.headers);
    headers.set('content-type', 'text/html; charset=utf-8');
    headers.set('content-security-policy', await contentSecurityPolicy());
    return new Response(await response.arrayBuffer(), { status: response.status, headers });
  });
}
