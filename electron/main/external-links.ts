/**
 * The one way the studio opens anything outside itself: an https link in the system browser.
 * Every other scheme (file:, http:, javascript:, custom protocols, URLs with credentials) is refused.
 */
export function isSafeExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.hostname !== '';
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

/** Opens `url` in the system browser when it is a plain https link; returns whether it did. */
export async function openExternalSafely(shell: ShellLike, url: string): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  await shell.openExternal(url);
  return true;
}
