// Package htmx reads the request headers HTMX sends and writes the response headers it acts on.
// See https://htmx.org/reference/#headers.
//
// Response headers must be set before the handler writes its status or body.
package htmx

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Toast kinds understood by the toast handler in web/scripts/app.js.
const (
	ToastSuccess = "success"
	ToastInfo    = "info"
	ToastWarning = "warning"
	ToastError   = "error"
)

// ToastEvent is the client-side event that shows a toast.
const ToastEvent = "toast"

// ErrEmptyEvent is returned by Trigger for an empty event name.
var ErrEmptyEvent = errors.New("htmx: empty event name")

// IsRequest reports whether r was sent by HTMX (boosted navigations included).
func IsRequest(r *http.Request) bool {
	return r.Header.Get("HX-Request") == "true"
}

// IsBoosted reports whether r is a boosted navigation (hx-boost), which expects a full page.
func IsBoosted(r *http.Request) bool {
	return r.Header.Get("HX-Boosted") == "true"
}

// WantsFragment reports whether r expects a fragment of a page: it was sent by HTMX, and is not
// a boosted navigation (which expects the whole page).
func WantsFragment(r *http.Request) bool {
	return IsRequest(r) && !IsBoosted(r)
}

// Target returns the id of the element r will be swapped into, if it has one.
func Target(r *http.Request) string {
	return r.Header.Get("HX-Target")
}

// Trigger makes HTMX dispatch event on the element that sent the request, with detail as the
// event's detail. Several calls on one response add up to one HX-Trigger header.
func Trigger(w http.ResponseWriter, event string, detail any) error {
	if event == "" {
		return ErrEmptyEvent
	}
	raw, err := json.Marshal(detail)
	if err != nil {
		return fmt.Errorf("htmx: encode %q detail: %w", event, err)
	}

	events := map[string]json.RawMessage{}
	if prev := w.Header().Get("HX-Trigger"); prev != "" {
		if err := json.Unmarshal([]byte(prev), &events); err != nil {
			// A plain, comma-separated list of event names, set without this package.
			for _, name := range strings.Split(prev, ",") {
				if name = strings.TrimSpace(name); name != "" {
					events[name] = json.RawMessage("null")
				}
			}
		}
	}
	events[event] = raw

	header, err := json.Marshal(events)
	if err != nil {
		return fmt.Errorf("htmx: encode HX-Trigger: %w", err)
	}
	w.Header().Set("HX-Trigger", asciiJSON(header))
	return nil
}

// Toast shows a toast with message: kind is one of ToastSuccess, ToastInfo, ToastWarning or
// ToastError (anything else is shown as info).
func Toast(w http.ResponseWriter, kind, message string) error {
	return Trigger(w, ToastEvent, struct {
		Type string `json:"type"`
		Msg  string `json:"msg"`
	}{kind, message})
}

// Redirect makes HTMX load url with a full page navigation. Answer with 200 (or 204): the
// browser follows a 3xx inside the XMLHttpRequest before HTMX sees this header.
func Redirect(w http.ResponseWriter, url string) {
	w.Header().Set("HX-Redirect", url)
}

// Refresh makes HTMX reload the whole page.
func Refresh(w http.ResponseWriter) {
	w.Header().Set("HX-Refresh", "true")
}

// Retarget makes HTMX swap the response into the element that selector (a CSS selector) finds,
// instead of the request's own target.
func Retarget(w http.ResponseWriter, selector string) {
	w.Header().Set("HX-Retarget", selector)
}

// Reswap makes HTMX swap the response the way style says (an hx-swap value, e.g. "outerHTML"),
// instead of the request's own hx-swap.
func Reswap(w http.ResponseWriter, style string) {
	w.Header().Set("HX-Reswap", style)
}

// asciiJSON escapes non-ASCII characters as \uXXXX. Browsers read header values as Latin-1, so
// raw UTF-8 in HX-Trigger would reach the page garbled; the escaped form is still valid JSON.
func asciiJSON(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	for _, r := range string(b) {
		switch {
		case r < utf8.RuneSelf:
			sb.WriteRune(r)
		case r > 0xFFFF:
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(&sb, `\u%04x\u%04x`, r1, r2)
		default:
			fmt.Fprintf(&sb, `\u%04x`, r)
		}
	}
	return sb.String()
}
