/**
 * The Content-Security-Policy of the studio window, one directive per entry with the reason for
 * every exception. The same directives are in renderer/index.html's meta tag (which also covers
 * browser mode); test/electron/csp.test.ts keeps the two in agreement. Nothing here names a
 * remote origin: the renderer loads only its own files and talks to Node over IPC.
 */
export const CSP_DIRECTIVES: readonly (readonly [directive: string, value: string])[] = [
  // Everything not listed below: only the app's own origin.
  ['default-src', "'self'"],
  // Only our bundled scripts: no inline script, no eval, no CDN.
  ['script-src', "'self'"],
  // Exception: Monaco starts its web workers from bundled files and, for some languages, from
  // blob: URLs it creates itself. Nothing remote.
  ['worker-src', "'self' blob:"],
  // Exception: Monaco (and React Flow) inject <style> elements and style attributes at run time.
  ['style-src', "'self' 'unsafe-inline'"],
  // Exception: data:/blob: images are generated locally (icons, canvas exports).
  ['img-src', "'self' data: blob:"],
  // Exception: fonts embedded as data: URLs in bundled CSS (Monaco's codicons when inlined).
  ['font-src', "'self' data:"],
  // The renderer talks to the Node side over IPC (Electron) or its own origin (browser mode).
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  // Header-only tightenings (a meta tag cannot express frame-ancestors): no framing, no forms.
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** Directives the meta tag may leave out because only a response header can enforce them or they only tighten. */
export const HEADER_ONLY_DIRECTIVES: readonly string[] = ['form-action', 'frame-ancestors'];

export function contentSecurityPolicy(): string {
  return CSP_DIRECTIVES.map(([d, v]) => `${d} ${v}`).join('; ');
}

/** Parse a policy string into directive → value (whitespace-normalised). */
export function parsePolicy(policy: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of policy.split(';')) {
    const tokens = part.trim().split(/\s+/).filter(Boolean);
    const [name, ...values] = tokens;
    if (name) out.set(name.toLowerCase(), values.join(' '));
  }
  return out;
}

type Headers = Record<string, string[] | string>;

/** Response headers with our CSP set (any policy the response carried is replaced). */
export function withCsp(headers: Headers | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() === 'content-security-policy') continue;
    out[k] = Array.isArray(v) ? v : [v];
  }
  out['Content-Security-Policy'] = [contentSecurityPolicy()];
  return out;
}
