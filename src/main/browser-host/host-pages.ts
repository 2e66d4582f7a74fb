import { contentSecurityPolicy } from '../../shared/content-security-policy';

/**
 * Headers on every response of the browser host. The page URL carries the host token until the page moves it into
 * its session, so no referrer may ever leave with it; nothing of ours may be framed, sniffed into another type, or
 * read by another origin's <script>/<img> (CORP); and the opener link to another site's window is cut (COOP).
 */
export function securityHeaders(origin: string): Record<string, string> {
  return {
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cross-origin-resource-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=()',
    'content-security-policy': contentSecurityPolicy(origin),
  };
}

/**
 * What a browser shows for a page link whose token is wrong: a link from before `--new-token`, from another data dir,
 * or cut short (a plain restart keeps the token). It says how to get a working link rather than a bare status line.
 */
export const LINK_EXPIRED_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<title>Twin Console: this link has expired</title>
<style>
:root { color-scheme: light dark; }
body { font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 15vh auto; padding: 0 1.5rem; color: #1f2933; background: #ffffff; }
h1 { font-size: 1.4rem; }
code { background: #eef1f4; padding: 0.1rem 0.3rem; border-radius: 3px; }
@media (prefers-color-scheme: dark) {
  body { color: #e3e7ef; background: #161a22; }
  code { background: #2a303c; }
}
</style>
</head>
<body>
<main>
<h1>This Twin Console link has expired</h1>
<p>Twin Console was given a new private link (<code>--new-token</code>), runs on another data dir, or the link is incomplete. Old links stop working when the link changes.</p>
<p>To get a working link, look in the terminal where Twin Console runs for the line
<code>Open this URL in a browser: http://127.0.0.1:…/?token=…</code> and open that URL.
If Twin Console is not running, start it with <code>npm start</code>.</p>
</main>
</body>
</html>
`;
