package middleware

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newLimited returns ok behind RealIP(trusted) and a RateLimit of limit
// requests per window whose 429 body is "slow down".
func newLimited(trusted []netip.Prefix, limit int, window time.Duration) http.Handler {
	tooMany := text(http.StatusTooManyRequests, "slow down")
	return RealIP(trusted)(RateLimit(limit, window, tooMany)(text(http.StatusOK, "ok")))
}

// requireRetryAfter asserts that rec carries a Retry-After of whole seconds within [1, most].
func requireRetryAfter(t *testing.T, rec *httptest.ResponseRecorder, most int) int {
	t.Helper()
	seconds, err := strconv.Atoi(rec.Header().Get("Retry-After"))
	require.NoError(t, err, "Retry-After must be a number of seconds")
	require.GreaterOrEqual(t, seconds, 1)
	require.LessOrEqual(t, seconds, most)
	return seconds
}

func TestRateLimit(t *testing.T) {
	h := newLimited(nil, 3, time.Minute)

	for i := range 3 {
		rec := get(t, h, "/", "192.0.2.1:1234", nil)
		require.Equal(t, http.StatusOK, rec.Code, "request %d", i+1)
	}

	rec := get(t, h, "/", "192.0.2.1:1234", nil)
	require.Equal(t, http.StatusTooManyRequests, rec.Code)
	assert.Equal(t, "slow down", rec.Body.String(), "the body comes from the tooMany handler")
	// At most the window, the decay of one request and the truncated second.
	requireRetryAfter(t, rec, 60+20+1)

	rec = get(t, h, "/", "192.0.2.2:1234", nil)
	assert.Equal(t, http.StatusOK, rec.Code, "another client has its own budget")
}

func TestRateLimitIgnoresSpoofedForwardingHeaders(t *testing.T) {
	h := newLimited(nil, 3, time.Minute)

	var codes []int
	for i := range 4 {
		spoofed := http.Header{
			"X-Forwarded-For": {"198.51.100." + strconv.Itoa(i)},
			"X-Real-Ip":       {"198.51.100." + strconv.Itoa(i)},
		}
		codes = append(codes, get(t, h, "/", "203.0.113.7:1234", spoofed).Code)
	}

	assert.Equal(t, []int{200, 200, 200, 429}, codes)
}

func TestRateLimitPerClientBehindTrustedProxy(t *testing.T) {
	h := newLimited([]netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}, 3, time.Minute)
	from := func(client string) http.Header { return http.Header{"X-Forwarded-For": {client}} }

	for range 3 {
		require.Equal(t, http.StatusOK, get(t, h, "/", "10.0.0.1:443", from("203.0.113.1")).Code)
	}

	assert.Equal(t, http.StatusTooManyRequests, get(t, h, "/", "10.0.0.1:443", from("203.0.113.1")).Code)
	assert.Equal(t, http.StatusOK, get(t, h, "/", "10.0.0.1:443", from("203.0.113.2")).Code,
		"clients behind the same proxy do not share a budget")
}

func TestRateLimitGroupsIPv6By64(t *testing.T) {
	h := newLimited(nil, 2, time.Minute)

	assert.Equal(t, http.StatusOK, get(t, h, "/", "[2001:db8:0:1::1]:1234", nil).Code)
	assert.Equal(t, http.StatusOK, get(t, h, "/", "[2001:db8:0:1::2]:1234", nil).Code)
	assert.Equal(t, http.StatusTooManyRequests, get(t, h, "/", "[2001:db8:0:1::3]:1234", nil).Code,
		"addresses of one /64 share a budget")
	assert.Equal(t, http.StatusOK, get(t, h, "/", "[2001:db8:0:2::1]:1234", nil).Code)
}

func TestRateLimitRetryAfterIsHonored(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the rate-limit window to pass")
	}
	t.Parallel()
	h := newLimited(nil, 2, time.Second)

	for range 2 {
		require.Equal(t, http.StatusOK, get(t, h, "/", "192.0.2.1:1234", nil).Code)
	}
	rec := get(t, h, "/", "192.0.2.1:1234", nil)
	require.Equal(t, http.StatusTooManyRequests, rec.Code)
	wait := requireRetryAfter(t, rec, 3)

	time.Sleep(time.Duration(wait) * time.Second)

	assert.Equal(t, http.StatusOK, get(t, h, "/", "192.0.2.1:1234", nil).Code,
		"a client that waits Retry-After is admitted")
}

func TestRetryAfter(t *testing.T) {
	now := time.Unix(1_000, 0)
	tests := []struct {
		name     string
		reset    string
		requests int
		window   time.Duration
		now      time.Time
		want     string
	}{
		{name: "reset ahead", reset: "1030", requests: 3, window: time.Minute, now: now, want: "51"},
		{name: "fraction rounds up", reset: "1001", requests: 4, window: 10 * time.Second, now: now.Add(500 * time.Millisecond), want: "4"},
		{name: "single request quota", reset: "1000", requests: 1, window: time.Second, now: now, want: "2"},
		{name: "reset in the past", reset: "990", requests: 10, window: time.Second, now: now, want: "1"},
		{name: "missing reset falls back to the window", reset: "", requests: 3, window: time.Minute, now: now, want: "60"},
		{name: "malformed reset falls back to the window", reset: "soon", requests: 3, window: time.Minute, now: now, want: "60"},
		{name: "zero quota falls back to the window", reset: "1030", requests: 0, window: time.Minute, now: now, want: "60"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			if tt.reset != "" {
				h.Set("X-RateLimit-Reset", tt.reset)
			}

			assert.Equal(t, tt.want, retryAfter(h, tt.requests, tt.window, tt.now))
		})
	}
}
