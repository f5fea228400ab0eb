package middleware

import (
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/httprate"
)

// RateLimit allows each client IP at most requests requests per window and
// answers the rest with tooMany, after setting Retry-After.
//
// The client IP is r.RemoteAddr, so RealIP must run first when the server sits
// behind a proxy; otherwise every client would share the proxy's budget. IPv6
// clients are limited per /64, the block a single host usually controls.
func RateLimit(requests int, window time.Duration, tooMany http.Handler) func(http.Handler) http.Handler {
	return httprate.LimitBy(requests, window, clientIPKey,
		httprate.WithLimitHandler(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", retryAfter(w.Header(), requests, window, time.Now()))
			tooMany.ServeHTTP(w, r)
		}),
	)
}

func clientIPKey(r *http.Request) (string, error) {
	return httprate.CanonicalizeIP(hostOnly(r.RemoteAddr)), nil
}

// retryAfter returns the number of seconds after which a limited client will
// be admitted again, as the Retry-After value.
//
// httprate's own value is always the full window length. Its limiter is a
// sliding window, though: the requests of the window that just ended keep
// counting, weighted by how much they overlap the last window length. A client
// that has used its whole quota is therefore admitted once the current window
// has reset (X-RateLimit-Reset, set by httprate, in whole seconds) and the
// carried-over weight has decayed by one request, window/requests later.
func retryAfter(h http.Header, requests int, window time.Duration, now time.Time) string {
	wait := window
	if reset, err := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64); err == nil && requests > 0 {
		// The reset time was truncated to the second: add that second back.
		resetAt := time.Unix(reset+1, 0)
		wait = resetAt.Sub(now) + window/time.Duration(requests)
	}
	seconds := max(1, int64(math.Ceil(wait.Seconds())))
	return strconv.FormatInt(seconds, 10)
}
