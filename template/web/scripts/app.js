// Entry point of the JavaScript bundle (npm run build:js → internal/assets/dist/app.js).
//
// The Content-Security-Policy allows scripts by nonce only and forbids eval, so nothing here
// (or in the templates) may rely on inline scripts, on* attributes or string evaluation: htmx
// runs with allowEval off, and Alpine is its CSP build (register components with Alpine.data).
import htmx from "htmx.org";
import "htmx-ext-head-support";
import "htmx-ext-response-targets";
// Available as hx-ext="morph" where wanted (hx-swap="morph", "morph:innerHTML"; the
// "morph:{...}" form needs eval and is blocked). It is not enabled on <body>: it would change
// how every out-of-band swap treats its content.
import "idiomorph/htmx";
import Alpine from "@alpinejs/csp";

const TOAST_TIMEOUT_MS = 3000;
const TOAST_KINDS = new Set(["success", "info", "warning", "error"]);

// <meta name="htmx-config"> sets the same values; this keeps eval off even on a page without it.
htmx.config.allowEval = false;

// Both are handy in the browser console and for third-party extensions.
window.htmx = htmx;
window.Alpine = Alpine;

/**
 * Shows a toast in #toast-container that disappears after TOAST_TIMEOUT_MS or on click.
 * @param {{type?: string, msg?: string}} detail
 */
function showToast({ type = "info", msg = "" } = {}) {
  const container = document.getElementById("toast-container");
  if (!container || !msg) return;

  const kind = TOAST_KINDS.has(type) ? type : "info";
  const toast = document.createElement("div");
  toast.className = `toast toast-${kind}`;
  toast.setAttribute("role", kind === "error" ? "alert" : "status");
  toast.textContent = String(msg);

  const dismiss = () => {
    toast.classList.add("toast-leaving");
    setTimeout(() => toast.remove(), 200);
  };
  toast.addEventListener("click", dismiss, { once: true });
  setTimeout(dismiss, TOAST_TIMEOUT_MS);
  container.append(toast);
}

// Server side: htmx.Toast(w, kind, message) sends HX-Trigger: {"toast": {"type", "msg"}}.
document.addEventListener("toast", (evt) => showToast(evt.detail));

// A boosted link or form that ends on an error page should show that page, as a normal
// navigation would, instead of silently doing nothing.
document.addEventListener("htmx:beforeSwap", (evt) => {
  if (evt.detail.boosted && evt.detail.xhr.status >= 400) {
    evt.detail.shouldSwap = true;
    evt.detail.isError = false;
  }
});

// Other failed requests that the server did not answer with a toast of its own.
document.addEventListener("htmx:responseError", (evt) => {
  if (!evt.detail.xhr.getResponseHeader("HX-Trigger")) {
    showToast({ type: "error", msg: `Request failed (${evt.detail.xhr.status}). Please try again.` });
  }
});
document.addEventListener("htmx:sendError", () => {
  showToast({ type: "error", msg: "Network error. Check your connection and try again." });
});

// Every response carries a fresh CSP nonce, so head-support would see the bundle's <script> and
// the htmx-config <meta> of the next page as new elements and add them again, running the bundle
// twice. Those elements are marked hx-preserve and have an id: head-support keeps the copy from
// the first page load, and the incoming copy is dropped here.
document.addEventListener("htmx:addingHeadElement", (evt) => {
  const el = evt.detail.headElement.firstElementChild;
  if (el?.getAttribute("hx-preserve") === "true" && el.id && document.getElementById(el.id)) {
    evt.preventDefault();
  }
});

// Marks the navigation link of the current page, on load and after each boosted navigation.
function markCurrentNavLink() {
  for (const link of document.querySelectorAll("a[data-nav-link]")) {
    if (link.pathname === window.location.pathname) {
      link.setAttribute("aria-current", "page");
    } else {
      link.removeAttribute("aria-current");
    }
  }
}
document.addEventListener("DOMContentLoaded", markCurrentNavLink);
document.addEventListener("htmx:afterSettle", markCurrentNavLink);

Alpine.start();
