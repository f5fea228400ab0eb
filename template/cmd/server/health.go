package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"time"
)

// health checks the liveness endpoint of a running server, for container health checks (the
// runtime image has no curl). It reads only HOST and PORT, so it works whatever else is
// configured.
func health(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("health", flag.ContinueOnError)
	fs.SetOutput(stdout)
	url := fs.String("url", liveURL(getenv("HOST"), getenv("PORT")), "liveness URL to check")
	timeout := fs.Duration("timeout", 3*time.Second, "how long to wait for an answer")
	if err := fs.Parse(args); err != nil {
		return err
	}

	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *url, http.NoBody)
	if err != nil {
		return fmt.Errorf("health: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("health: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("health: %s answered %s", *url, resp.Status)
	}
	_, err = fmt.Fprintln(stdout, "ok")
	return err
}

// liveURL returns the liveness URL of a server listening on host and port, the HOST and PORT
// settings. A server listening on every interface (HOST empty, 0.0.0.0 or ::) is asked over
// the loopback interface; one bound to a single address or name, there.
func liveURL(host, port string) string {
	if port == "" {
		port = "8080"
	}
	if addr, err := netip.ParseAddr(host); host == "" || (err == nil && addr.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/api/health/live"
}
