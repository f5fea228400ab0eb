package middleware

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLogger(t *testing.T) {
	tests := []struct {
		name      string
		target    string
		wantRoute string
		wantCode  int
		wantLevel string
	}{
		{name: "success", target: "/users/42", wantRoute: "/users/{id}", wantCode: 200, wantLevel: "info"},
		{name: "empty response", target: "/empty", wantRoute: "/empty", wantCode: 200, wantLevel: "info"},
		{name: "redirect", target: "/old", wantRoute: "/old", wantCode: 303, wantLevel: "info"},
		{name: "client error", target: "/teapot", wantRoute: "/teapot", wantCode: 418, wantLevel: "warn"},
		{name: "unknown route", target: "/nope", wantCode: 404, wantLevel: "warn"},
		{name: "server error", target: "/broken", wantRoute: "/broken", wantCode: 503, wantLevel: "error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			r := chi.NewRouter()
			r.Use(RequestID, Logger(zerolog.New(&buf)))
			r.Get("/users/{id}", func(w http.ResponseWriter, r *http.Request) {
				zerolog.Ctx(r.Context()).Info().Msg("loading user")
				text(http.StatusOK, "hello")(w, r)
			})
			r.Get("/empty", func(http.ResponseWriter, *http.Request) {})
			r.Get("/old", func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, "/new", http.StatusSeeOther)
			})
			r.Get("/teapot", text(http.StatusTeapot, "teapot"))
			r.Get("/broken", text(http.StatusServiceUnavailable, "down"))

			rec := get(t, r, tt.target, "192.0.2.1:1234", nil)
			require.Equal(t, tt.wantCode, rec.Code)

			lines := logLines(t, &buf)
			access := accessLines(lines)
			require.Len(t, access, 1, "exactly one access line per request")
			line := access[0]
			assert.Equal(t, tt.wantLevel, line["level"])
			assert.Equal(t, "GET", line["method"])
			assert.Equal(t, tt.target, line["path"])
			assert.Equal(t, tt.wantRoute, line["route"])
			assert.InDelta(t, tt.wantCode, line["status"], 0)
			assert.InDelta(t, rec.Body.Len(), line["bytes"], 0)
			assert.Contains(t, line, "duration")
			assert.Equal(t, "192.0.2.1", line["remote_ip"])

			requestID := rec.Header().Get(RequestIDHeader)
			require.NotEmpty(t, requestID)
			for _, l := range lines {
				assert.Equal(t, requestID, l["request_id"], "every line of the request carries its ID: %v", l)
			}
		})
	}
}

func TestLoggerRecordsRealIP(t *testing.T) {
	var buf bytes.Buffer
	h := RealIP(nil)(Logger(zerolog.New(&buf))(text(http.StatusOK, "ok")))

	get(t, h, "/", "[2001:db8::1]:5555", http.Header{"X-Forwarded-For": {"198.51.100.1"}})

	access := accessLines(logLines(t, &buf))
	require.Len(t, access, 1)
	assert.Equal(t, "2001:db8::1", access[0]["remote_ip"])
	assert.NotContains(t, access[0], "request_id", "no ID is invented without RequestID")
	assert.Empty(t, access[0]["route"], "outside chi there is no route pattern")
}

func TestLoggerLogsAbortedRequests(t *testing.T) {
	var buf bytes.Buffer
	h := Logger(zerolog.New(&buf))(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic(http.ErrAbortHandler)
	}))

	assert.PanicsWithValue(t, http.ErrAbortHandler, func() {
		get(t, h, "/stream", "192.0.2.1:1234", nil)
	})

	access := accessLines(logLines(t, &buf))
	require.Len(t, access, 1)
	assert.Equal(t, "error", access[0]["level"])
	assert.Equal(t, true, access[0]["aborted"])
	assert.InDelta(t, 0, access[0]["status"], 0, "no response was sent")
}
