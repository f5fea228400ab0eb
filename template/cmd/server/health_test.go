package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLiveURL(t *testing.T) {
	tests := []struct {
		host, port, want string
	}{
		{"", "", "http://127.0.0.1:8080/api/health/live"},
		{"0.0.0.0", "9000", "http://127.0.0.1:9000/api/health/live"},
		{"::", "9000", "http://127.0.0.1:9000/api/health/live"},
		{"127.0.0.2", "9000", "http://127.0.0.2:9000/api/health/live"},
		{"10.1.2.3", "80", "http://10.1.2.3:80/api/health/live"},
		{"::1", "9000", "http://[::1]:9000/api/health/live"},
		{"localhost", "9000", "http://localhost:9000/api/health/live"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, liveURL(tt.host, tt.port), "HOST=%q PORT=%q", tt.host, tt.port)
	}
}

// Regression test: health used to dial 127.0.0.1 whatever HOST said, so it failed against a
// server bound to one other address.
func TestHealthDialsTheConfiguredHost(t *testing.T) {
	for _, host := range []string{"127.0.0.2", "::1"} {
		t.Run(host, func(t *testing.T) {
			ln, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
			if err != nil {
				t.Skipf("cannot listen on %s here: %v", host, err)
			}
			mux := http.NewServeMux()
			mux.HandleFunc("GET /api/health/live", func(w http.ResponseWriter, _ *http.Request) {
				w.WriteHeader(http.StatusOK)
			})
			srv := &http.Server{Handler: mux, ReadHeaderTimeout: time.Second}
			go func() { _ = srv.Serve(ln) }()
			t.Cleanup(func() { _ = srv.Close() })

			port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
			env := map[string]string{"HOST": host, "PORT": port}
			var out bytes.Buffer
			err = health(context.Background(), []string{"-timeout", "2s"}, func(k string) string { return env[k] }, &out)
			require.NoError(t, err)
			assert.Equal(t, "ok\n", out.String())
		})
	}
}
