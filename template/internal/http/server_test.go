package http

import (
	"context"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServeDrainsInFlightRequests cancels the server's context while a slow request is being
// handled: the request must still complete, and serve must return without error.
func TestServeDrainsInFlightRequests(t *testing.T) {
	started := make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		close(started)
		time.Sleep(500 * time.Millisecond)
		_, _ = io.WriteString(w, "finished")
	})

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cfg := testServerConfig()
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ln, slow, cfg, zerolog.Nop()) }()

	url := "http://" + ln.Addr().String() + "/"
	type result struct {
		body string
		err  error
	}
	got := make(chan result, 1)
	go func() {
		resp, err := http.Get(url) //nolint:noctx // a plain client is what a real caller uses
		if err != nil {
			got <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		got <- result{string(b), err}
	}()

	<-started
	cancel()

	r := <-got
	require.NoError(t, r.err)
	assert.Equal(t, "finished", r.body)

	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not return after shutdown")
	}

	_, err = net.DialTimeout("tcp", ln.Addr().String(), time.Second)
	assert.Error(t, err, "the listener is closed after shutdown")
}

// TestServeGivesUpAfterShutdownTimeout checks that a request slower than the shutdown budget
// does not keep the process alive forever.
func TestServeGivesUpAfterShutdownTimeout(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	started := make(chan struct{})
	stuck := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		close(started)
		<-release
	})

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cfg := testServerConfig()
	cfg.ShutdownTimeout = 200 * time.Millisecond
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ln, stuck, cfg, zerolog.Nop()) }()

	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/") //nolint:noctx // see above
		if err == nil {
			resp.Body.Close()
		}
	}()
	<-started
	cancel()

	select {
	case err := <-done:
		require.ErrorIs(t, err, context.DeadlineExceeded)
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not give up after the shutdown timeout")
	}
}
