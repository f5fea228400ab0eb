package middleware

import "net/http"

// sessionCookieNoCache is the Cache-Control value the session manager sets alone.
const sessionCookieNoCache = `no-cache="Set-Cookie"`

// CacheControl sends "Cache-Control: no-store" on every response whose handler
// has not chosen a caching policy by the time it writes its headers. Pages
// carry a per-request CSP nonce and, later, session data, so a shared cache
// must never store them; handlers that serve cacheable content, such as the
// hashed static assets, set their own Cache-Control.
func CacheControl(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &cacheControlWriter{ResponseWriter: w}
		if _, ok := w.(http.Flusher); ok {
			// Only advertise Flush when the connection can honor it, so
			// streaming handlers can still detect that it cannot.
			next.ServeHTTP(flushingCacheControlWriter{cw}, r)
		} else {
			next.ServeHTTP(cw, r)
		}
		// A handler that wrote nothing leaves net/http to send the header
		// after it returns, so the default can still be added now.
		cw.setDefault()
	})
}

type cacheControlWriter struct {
	http.ResponseWriter
	decided bool
}

// setDefault adds the default policy once, just before the header is sent.
func (w *cacheControlWriter) setDefault() {
	if w.decided {
		return
	}
	w.decided = true
	// scs marks responses that set the session cookie with no-cache="Set-Cookie", which would
	// still let a shared cache keep the page itself.
	if h := w.Header(); h.Get("Cache-Control") == "" || h.Get("Cache-Control") == sessionCookieNoCache {
		h.Set("Cache-Control", "no-store")
	}
}

func (w *cacheControlWriter) WriteHeader(code int) {
	// Informational responses (103 Early Hints) precede the real header,
	// which the handler may still give a policy.
	if code >= http.StatusOK {
		w.setDefault()
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *cacheControlWriter) Write(b []byte) (int, error) {
	w.setDefault()
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *cacheControlWriter) Unwrap() http.ResponseWriter {
	return w.ResponseWriter
}

type flushingCacheControlWriter struct {
	*cacheControlWriter
}

func (w flushingCacheControlWriter) Flush() {
	w.setDefault()
	w.ResponseWriter.(http.Flusher).Flush()
}
