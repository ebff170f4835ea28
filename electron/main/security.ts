import type { Session, WebContents } from 'electron';
import { withCsp } from './csp';
import { isSafeExternalUrl } from './external-links';

/**
 * Navigation: the page never navigates (`will-navigate` is always prevented), never opens windows
 * (`setWindowOpenHandler` always denies; an https link goes to the system browser through the one
 * external-link helper), and never embeds <webview>.
 */
export function hardenWebContents(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/**
 * Permissions are denied by default. The one grant: writing plain text to the clipboard
 * ("copy" buttons), and only for our own pages.
 */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function decidePermission(permission: string, origin: string, isTrustedUrl: (url: string) => boolean): boolean {
  return GRANTED_PERMISSIONS.has(permission) && isTrustedUrl(origin);
}

export function installSessionPolicy(ses: Session, isTrustedUrl: (url: string) => boolean): void {
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const origin = details.requestingUrl ?? contents.getURL();
    callback(decidePermission(permission, origin, isTrustedUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    decidePermission(permission, requestingOrigin, isTrustedUrl),
  );
  // The CSP as a response header for our own pages (the studio:// handler sets it too; this
  // covers the dev server). Responses from anywhere else pass unchanged — and none are loaded.
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType === 'mainFrame' || details.resourceType === 'subFrame') {
      if (isTrustedUrl(details.url)) {
        callback({ responseHeaders: withCsp(details.responseHeaders) });
        return;
      }
    }
    callback({});
  });
}
