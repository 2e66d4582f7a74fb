/**
 * The page's Content-Security-Policy: only our own scripts (no eval, no remote code), and sockets only back to the
 * host that served the page. The Electron window applies the same policy (see src/main/electron/window-security.ts).
 */
export function contentSecurityPolicy(hostOrigin?: string): string {
  const socketOrigin = hostOrigin ? ` ${hostOrigin.replace(/^http/, 'ws')}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self'${socketOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
