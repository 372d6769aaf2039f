// The script every page loads: it marks the page as having JavaScript (so
// "needs JavaScript" notes hide) and wires the "Copy link", "Print this
// page" and "Projector view" buttons. Everything here is an enhancement:
// pages read without it.

document.documentElement.classList.add("js");

/**
 * The page's own URL as a trainer would share it: over http(s) without
 * "index.html", since servers answer a folder with it; from a file it stays,
 * since a folder's file:// address does not open its index.html.
 */
export function shareableURL(href: string): string {
  const u = new URL(href);
  u.hash = "";
  u.search = "";
  if (u.protocol === "http:" || u.protocol === "https:") {
    u.pathname = u.pathname.replace(/index\.html$/, "");
  }
  return u.toString();
}

/**
 * On a narrow screen the contents list comes before the page, so it starts
 * closed there and the page is in view; it stays a click away. Without
 * JavaScript it is open, and the skip link passes it.
 */
function setupNav(): void {
  const nav = document.querySelector<HTMLDetailsElement>(".nav-details");
  if (nav && window.matchMedia("(max-width: 59.99em)").matches) nav.open = false;
}

setupNav();

function setupCopyLink(): void {
  const button = document.querySelector<HTMLButtonElement>(".copy-link");
  const code = document.querySelector<HTMLElement>(".permalink-url");
  const status = document.querySelector<HTMLElement>(".copy-status");
  if (!button || !code || !status) return;
  // A configured base URL gives the canonical link; otherwise the address
  // this page was opened at is the one to share.
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]');
  const url = canonical ? canonical.href : shareableURL(location.href);
  code.textContent = url;
  button.hidden = false;
  button.addEventListener("click", async () => {
    let ok = false;
    try {
      await navigator.clipboard.writeText(url);
      ok = true;
    } catch {
      // Clipboard access can be refused (file://, old browsers): select
      // the text so the user can copy it themselves.
      const range = document.createRange();
      range.selectNodeContents(code);
      const sel = getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      ok = document.execCommand ? document.execCommand("copy") : false;
    }
    status.textContent = ok ? button.dataset.copied || "Copied" : "";
  });
}

setupCopyLink();

/**
 * "Print this page" is a button only JavaScript can make work, so it is
 * hidden in the page's HTML and shown here; the browser's own Print command
 * prints the page without it.
 */
function setupPrint(): void {
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>("[data-print-page]"))) {
    b.hidden = false;
    b.addEventListener("click", () => window.print());
  }
}

setupPrint();

/**
 * The projector view of a standard's page: larger type and no side
 * navigation. Screens wider than 1440 px get it by default (main.css);
 * the button turns it on for a laptop driving a projector, or off. The
 * choice lasts as long as the page: nothing is stored.
 */
function setupProjector(): void {
  const b = document.querySelector<HTMLButtonElement>("[data-projector]");
  if (!b) return;
  const wide = window.matchMedia("(min-width: 90.0625em)");
  const body = document.body.classList;
  const on = (): boolean => body.contains("projector") || (wide.matches && !body.contains("no-projector"));
  const show = (): void => b.setAttribute("aria-pressed", String(on()));
  b.hidden = false;
  show();
  wide.addEventListener("change", show);
  b.addEventListener("click", () => {
    const next = !on();
    body.toggle("projector", next);
    body.toggle("no-projector", !next);
    show();
  });
}

setupProjector();
