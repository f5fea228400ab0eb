package middleware

import (
	"context"
	"crypto/rand"
	"net/http"
)

// RequestIDHeader is the header that carries the request ID in both directions.
const RequestIDHeader = "X-Request-Id"

// maxRequestIDLen bounds an incoming request ID so a client cannot bloat every
// log line of its request.
const maxRequestIDLen = 64

type requestIDKey struct{}

// RequestID gives every request an ID, stored in the request context (see
// GetRequestID) and echoed in the X-Request-Id response header. An incoming
// X-Request-Id, typically set by a proxy, is kept when it is 1–64 characters
// of [A-Za-z0-9._-]; anything else is replaced, because the ID ends up in logs
// and must not let a client inject text into them.
func RequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(RequestIDHeader)
		if !validRequestID(id) {
			id = rand.Text()
		}
		w.Header().Set(RequestIDHeader, id)
		ctx := context.WithValue(r.Context(), requestIDKey{}, id)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// GetRequestID returns the ID assigned by RequestID, or "" outside of it.
func GetRequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

func validRequestID(id string) bool {
	if id == "" || len(id) > maxRequestIDLen {
		return false
	}
	for i := range len(id) {
		switch c := id[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '.', c == '_', c == '-':
		default:
			return false
		}
	}
	return true
}
