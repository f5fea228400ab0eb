package middleware

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"
	chimw "github.com/go-chi/chi/v5/middleware"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newStack assembles the middleware in the order documented in doc.go and
// serves it over a real connection.
func newStack(t *testing.T) (*httptest.Server, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	// Error pages report the nonce they were rendered with, to check that the
	// pages served by Recoverer and RateLimit can carry inline scripts.
	errorPage := func(status int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			text(status, "error "+Nonce(r.Context()))(w, r)
		}
	}

	r := chi.NewRouter()
	r.Use(
		RequestID,
		RealIP(nil),
		Logger(zerolog.New(&buf)),
		SecureHeaders(SecurityOptions{HSTS: true}),
		Recoverer(errorPage(http.StatusInternalServerError)),
		chimw.Compress(5, "text/html", "text/plain"),
		CacheControl,
		chimw.Timeout(100*time.Millisecond),
	)
	r.Get("/ok", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, strings.Repeat("<p>compressible</p>", 100))
	})
	r.Get("/panic", func(http.ResponseWriter, *http.Request) { panic("boom") })
	r.Get("/slow", func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	r.Group(func(r chi.Router) {
		r.Use(RateLimit(2, time.Minute, errorPage(http.StatusTooManyRequests)))
		r.Get("/limited", text(http.StatusOK, "ok"))
	})

	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return srv, &buf
}

// fetch GETs path from srv and returns the response and its body.
func fetch(t *testing.T, srv *httptest.Server, path string) (*http.Response, string) {
	t.Helper()
	res, err := srv.Client().Get(srv.URL + path)
	require.NoError(t, err)
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.NoError(t, res.Body.Close())
	return res, string(body)
}

// nonceOf extracts the nonce from a Content-Security-Policy header.
func nonceOf(t *testing.T, res *http.Response) string {
	t.Helper()
	_, rest, found := strings.Cut(res.Header.Get("Content-Security-Policy"), "'nonce-")
	require.True(t, found)
	nonce, _, _ := strings.Cut(rest, "'")
	return nonce
}

func TestStack(t *testing.T) {
	srv, logs := newStack(t)

	tests := []struct {
		path       string
		wantStatus int
		wantNonce  bool
	}{
		{path: "/ok", wantStatus: http.StatusOK},
		{path: "/panic", wantStatus: http.StatusInternalServerError, wantNonce: true},
		{path: "/ok", wantStatus: http.StatusOK},
		{path: "/slow", wantStatus: http.StatusGatewayTimeout},
		{path: "/limited", wantStatus: http.StatusOK},
		{path: "/limited", wantStatus: http.StatusOK},
		{path: "/limited", wantStatus: http.StatusTooManyRequests, wantNonce: true},
	}
	for _, tt := range tests {
		res, body := fetch(t, srv, tt.path)

		assert.Equal(t, tt.wantStatus, res.StatusCode, tt.path)
		assert.NotEmpty(t, res.Header.Get(RequestIDHeader), tt.path)
		assert.Equal(t, "DENY", res.Header.Get("X-Frame-Options"), tt.path)
		assert.Equal(t, "no-store", res.Header.Get("Cache-Control"), tt.path)
		if tt.wantNonce {
			assert.Equal(t, "error "+nonceOf(t, res), body, "%s: the error page sees the CSP nonce", tt.path)
		}
		if tt.wantStatus == http.StatusTooManyRequests {
			assert.NotEmpty(t, res.Header.Get("Retry-After"))
		}
	}

	access := accessLines(logLines(t, logs))
	require.Len(t, access, len(tests), "one access line per request")
	for i, line := range access {
		assert.InDelta(t, tests[i].wantStatus, line["status"], 0, tests[i].path)
	}
}

func TestStackCompresses(t *testing.T) {
	srv, _ := newStack(t)
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/ok", nil)
	require.NoError(t, err)
	req.Header.Set("Accept-Encoding", "gzip")

	res, err := srv.Client().Do(req)
	require.NoError(t, err)
	require.NoError(t, res.Body.Close())

	assert.Equal(t, "gzip", res.Header.Get("Content-Encoding"))
	assert.Equal(t, "no-store", res.Header.Get("Cache-Control"))
}
