/** Tiny HTML helpers for the emulator's own pages. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f6f9fc; color: #1a1f36; margin: 0; }
  main { max-width: 28rem; margin: 4rem auto; background: #fff; border-radius: 8px; padding: 2rem;
         box-shadow: 0 2px 8px rgba(0,0,0,.08); }
  .badge { display: inline-block; font-size: .75rem; background: #ffe08a; border-radius: 4px; padding: .1rem .4rem; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: .25rem 1rem; }
  dt { color: #697386; }
  form { display: inline-block; margin: 1rem .5rem 0 0; }
  button { font-size: 1rem; padding: .6rem 1.2rem; border-radius: 6px; border: 1px solid #ccd; cursor: pointer; }
  .error { color: #b42318; }
  fieldset { border: 1px solid #e3e8ee; border-radius: 6px; margin: 1rem 0 0; }
  button.primary { background: #635bff; color: #fff; border-color: #635bff; }
</style>
</head>
<body><main>
<p class="badge">TEST MODE · local Stripe emulator</p>
${body}
</main></body>
</html>`;
}
