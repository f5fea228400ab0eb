package middleware

import (
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"

	chimw "github.com/go-chi/chi/v5/middleware"
	"github.com/rs/zerolog"
)

// Recoverer recovers a panicking handler, logs the panic with its stack trace
// through the request's logger (see Logger) and answers with internalError,
// so one faulty request cannot take the server down. When the handler had
// already started its response, the status can no longer change and the panic
// is only logged. http.ErrAbortHandler is re-panicked: it is the standard way
// to abort a response deliberately, and net/http handles it quietly.
func Recoverer(internalError http.Handler) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			// Reuse Logger's wrapper when present: it already tracks the status.
			ww, ok := w.(chimw.WrapResponseWriter)
			if !ok {
				ww = chimw.NewWrapResponseWriter(w, r.ProtoMajor)
			}

			defer func() {
				rec := recover()
				if rec == nil {
					return
				}
				if err, ok := rec.(error); ok && errors.Is(err, http.ErrAbortHandler) {
					panic(rec)
				}

				headerWritten := ww.Status() != 0
				zerolog.Ctx(r.Context()).Error().
					Str("panic", fmt.Sprint(rec)).
					Str("stack", string(debug.Stack())).
					Bool("response_started", headerWritten).
					Msg("handler panicked")
				if headerWritten {
					return
				}

				dropAbandonedHeaders(ww.Header())
				internalError.ServeHTTP(ww, r)
			}()

			next.ServeHTTP(ww, r)
		})
	}
}

// dropAbandonedHeaders removes the headers describing the response the
// panicking handler was building, so they cannot leak onto the error page. A
// "public" Cache-Control in particular would let a proxy cache the error.
func dropAbandonedHeaders(h http.Header) {
	for _, name := range []string{
		"Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Length", "Content-Range",
		"Content-Type", "ETag", "Expires", "Last-Modified", "Location", "Set-Cookie",
	} {
		h.Del(name)
	}
	h.Set("Cache-Control", "no-store")
}
