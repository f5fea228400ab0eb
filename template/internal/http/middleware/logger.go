package middleware

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	chimw "github.com/go-chi/chi/v5/middleware"
	"github.com/rs/zerolog"
)

// Logger stores a child of log carrying the request ID in the request context,
// where handlers reach it with zerolog.Ctx(r.Context()), and writes one access
// line per request once it has been handled. Server errors are logged at error
// level, client errors at warn level and everything else at info level.
//
// Logger must run after RequestID and RealIP so that the request ID and the
// client address it records are final.
func Logger(log zerolog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			reqLog := log
			if id := GetRequestID(r.Context()); id != "" {
				reqLog = log.With().Str("request_id", id).Logger()
			}
			r = r.WithContext(reqLog.WithContext(r.Context()))
			ww := chimw.NewWrapResponseWriter(w, r.ProtoMajor)

			// Deferred so that a request aborted by a panic past Recoverer
			// (http.ErrAbortHandler) still gets its line.
			completed := false
			defer func() {
				logAccess(&reqLog, r, ww, time.Since(start), completed)
			}()
			next.ServeHTTP(ww, r)
			completed = true
		})
	}
}

func logAccess(log *zerolog.Logger, r *http.Request, ww chimw.WrapResponseWriter, elapsed time.Duration, completed bool) {
	status := ww.Status()
	if status == 0 && completed {
		// The handler wrote nothing, so net/http answers 200 with an empty body.
		status = http.StatusOK
	}

	var event *zerolog.Event
	switch {
	case !completed || status >= http.StatusInternalServerError:
		event = log.Error()
	case status >= http.StatusBadRequest:
		event = log.Warn()
	default:
		event = log.Info()
	}
	if !completed {
		event = event.Bool("aborted", true)
	}

	event.
		Str("method", r.Method).
		Str("path", r.URL.Path).
		Str("route", routePattern(r)).
		Int("status", status).
		Int("bytes", ww.BytesWritten()).
		Dur("duration", elapsed).
		Str("remote_ip", hostOnly(r.RemoteAddr)).
		Msg("request")
}

// routePattern returns the matched chi route, such as "/posts/{id}", which
// groups requests far better than raw paths. chi fills it in while routing,
// so it is only complete once the handler has run.
func routePattern(r *http.Request) string {
	if rctx := chi.RouteContext(r.Context()); rctx != nil {
		return rctx.RoutePattern()
	}
	return ""
}
