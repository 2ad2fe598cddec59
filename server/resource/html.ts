/**
 * Plain server-rendered HTML for people: escaping, link safety, the page frame shared by resource pages and the
 * SPARQL endpoint's page, and the security headers sent with it. Every value that comes from data or a request
 * passes through `escapeHtml`.
 */
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';

/** The one style sheet of every page, inline so a page needs no second request. */
const PAGE_STYLE = `
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #ddd; padding: 0.3rem 0.5rem; }
th { width: 30%; font-weight: 600; }
.en { color: #666; font-size: 0.9em; }
code, textarea { font-family: ui-monospace, monospace; }
textarea { width: 100%; min-height: 12rem; }
table table { margin: 0; }
`;

/**
 * The Content-Security-Policy of every response. Pages run no scripts, load nothing from elsewhere and allow only
 * the one inline style sheet above (by its hash), so a value from harvested data cannot run or inject styles.
 * Forms (the SPARQL page) submit only to this server, and no other site may frame a page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}'`,
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Sets the security headers on every response: the content security policy, no MIME sniffing, no referrer. */
export function securityHeaders(): RequestHandler {
  return (_request, response, next) => {
    response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    next();
  };
}

/**
 * Tells whether an IRI may become the `href` of a link on a page: only http, https and mailto IRIs. Other schemes
 * (`javascript:`, `data:`, `file:`, ...) would run code or open local content when clicked, so they are shown as text.
 */
export function isLinkableIri(iri: string): boolean {
  return /^(?:https?:\/\/|mailto:)/i.test(iri);
}

/** Escapes text for use in HTML element content and in double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * Wraps already escaped body HTML in a complete Dutch-language page.
 * @param title plain text; it is escaped here.
 */
export function renderPage(title: string, bodyHtml: string): string {
  return `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Bouwblokken</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
${bodyHtml}
</body>
</html>
`;
}
