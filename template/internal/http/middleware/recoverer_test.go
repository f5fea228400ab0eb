package middleware

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newRecovererRouter returns a router with the request-scoped logger and
// Recoverer in place, and the buffer the logger writes to.
func newRecovererRouter(t *testing.T) (*chi.Mux, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	r := chi.NewRouter()
	r.Use(RequestID, Logger(zerolog.New(&buf)), Recoverer(text(http.StatusInternalServerError, "custom error page")))
	return r, &buf
}

func TestRecoverer(t *testing.T) {
	tests := []struct {
		name      string
		value     any
		wantPanic string
	}{
		{name: "string", value: "nil map write", wantPanic: "nil map write"},
		{name: "error", value: errors.New("database gone"), wantPanic: "database gone"},
		{name: "other value", value: struct{ Code int }{Code: 7}, wantPanic: "{7}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, buf := newRecovererRouter(t)
			r.Get("/panic", func(http.ResponseWriter, *http.Request) { panic(tt.value) })

			rec := get(t, r, "/panic", "192.0.2.1:1234", nil)

			assert.Equal(t, http.StatusInternalServerError, rec.Code)
			assert.Equal(t, "custom error page", rec.Body.String())

			lines := logLines(t, buf)
			require.Len(t, lines, 2, "the panic and the access line")
			panicLine, access := lines[0], lines[1]
			assert.Equal(t, "error", panicLine["level"])
			assert.Equal(t, "handler panicked", panicLine["message"])
			assert.Equal(t, tt.wantPanic, panicLine["panic"])
			assert.Contains(t, panicLine["stack"], "recoverer_test.go", "the stack points at the panic")
			assert.Equal(t, rec.Header().Get(RequestIDHeader), panicLine["request_id"])
			assert.InDelta(t, http.StatusInternalServerError, access["status"], 0)
		})
	}
}

func TestRecovererRepanicsAbort(t *testing.T) {
	tests := []struct {
		name  string
		value error
	}{
		{name: "sentinel", value: http.ErrAbortHandler},
		{name: "wrapped", value: fmt.Errorf("client went away: %w", http.ErrAbortHandler)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, buf := newRecovererRouter(t)
			r.Get("/abort", func(http.ResponseWriter, *http.Request) { panic(tt.value) })

			assert.PanicsWithError(t, tt.value.Error(), func() {
				get(t, r, "/abort", "192.0.2.1:1234", nil)
			})
			for _, line := range logLines(t, buf) {
				assert.NotEqual(t, "handler panicked", line["message"], "an abort is not a failure")
			}
		})
	}
}

func TestRecovererAfterResponseStarted(t *testing.T) {
	r, buf := newRecovererRouter(t)
	r.Get("/partial", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "partial")
		panic("too late")
	})

	rec := get(t, r, "/partial", "192.0.2.1:1234", nil)

	assert.Equal(t, http.StatusOK, rec.Code, "the status was already sent")
	assert.Equal(t, "partial", rec.Body.String(), "no error page is appended")
	lines := logLines(t, buf)
	require.NotEmpty(t, lines)
	assert.Equal(t, "too late", lines[0]["panic"])
	assert.Equal(t, true, lines[0]["response_started"])
}

func TestRecovererDropsAbandonedHeaders(t *testing.T) {
	r, _ := newRecovererRouter(t)
	r.Get("/asset", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		w.Header().Set("Content-Type", "image/png")
		w.Header().Set("Set-Cookie", "session=half-written")
		panic("corrupt asset")
	})

	rec := get(t, r, "/asset", "192.0.2.1:1234", nil)

	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	assert.Equal(t, "text/plain; charset=utf-8", rec.Header().Get("Content-Type"))
	assert.Empty(t, rec.Header().Values("Set-Cookie"))
	assert.NotEmpty(t, rec.Header().Get(RequestIDHeader), "headers set before the handler are kept")
}

func TestRecovererWithoutLogger(t *testing.T) {
	h := Recoverer(text(http.StatusInternalServerError, "oops"))(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("no logger in context")
	}))

	rec := get(t, h, "/", "192.0.2.1:1234", nil)

	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.Equal(t, "oops", rec.Body.String())
}

func TestRecovererKeepsServing(t *testing.T) {
	r, _ := newRecovererRouter(t)
	r.Get("/panic", func(http.ResponseWriter, *http.Request) { panic("boom") })
	r.Get("/ok", text(http.StatusOK, "fine"))
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)

	for _, tc := range []struct {
		path string
		want int
	}{{"/panic", 500}, {"/ok", 200}, {"/panic", 500}, {"/ok", 200}} {
		res, err := srv.Client().Get(srv.URL + tc.path)
		require.NoError(t, err)
		_, _ = io.Copy(io.Discard, res.Body)
		require.NoError(t, res.Body.Close())
		assert.Equal(t, tc.want, res.StatusCode, tc.path)
	}
}
