package middleware

// The helpers that several of the middleware tests use. A fixture that only one file's tests use
// (newStack, newLimited, ...) stays next to them.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"
)

// serve runs req through h and returns the recorded response.
func serve(t *testing.T, h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// get sends a GET request for target from remoteAddr, with the given headers, through h.
func get(t *testing.T, h http.Handler, target, remoteAddr string, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.RemoteAddr = remoteAddr
	for name, values := range header {
		for _, v := range values {
			req.Header.Add(name, v)
		}
	}
	return serve(t, h, req)
}

// logLines decodes the JSON lines a zerolog.Logger wrote into buf.
func logLines(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var lines []map[string]any
	sc := bufio.NewScanner(buf)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		var line map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &line), "log line %q", sc.Text())
		lines = append(lines, line)
	}
	require.NoError(t, sc.Err())
	return lines
}

// accessLines returns the access-log lines among lines.
func accessLines(lines []map[string]any) []map[string]any {
	var access []map[string]any
	for _, line := range lines {
		if line["message"] == "request" {
			access = append(access, line)
		}
	}
	return access
}

// text writes body with status code; it is the handler most tests route to.
func text(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}
