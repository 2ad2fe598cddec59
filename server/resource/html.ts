/**
 * Plain server-rendered HTML for people: escaping and the page frame shared by resource pages and the SPARQL
 * endpoint's page. Every value that comes from data or a request passes through `escapeHtml`.
 */

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
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #ddd; padding: 0.3rem 0.5rem; }
th { width: 30%; font-weight: 600; }
.en { color: #666; font-size: 0.9em; }
code, textarea { font-family: ui-monospace, monospace; }
textarea { width: 100%; min-height: 12rem; }
table table { margin: 0; }
</style>
</head>
<body>
${bodyHtml}
</body>
</html>
`;
}
