package middleware

import (
	"io"
	"net/http"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRealIP(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::/8")}

	tests := []struct {
		name    string
		trusted []netip.Prefix
		peer    string
		header  http.Header
		want    string
	}{
		{
			name:   "no trusted proxies ignores a spoofed X-Forwarded-For",
			peer:   "203.0.113.7:51000",
			header: http.Header{"X-Forwarded-For": {"198.51.100.1"}},
			want:   "203.0.113.7:51000",
		},
		{
			name:   "no trusted proxies ignores a spoofed X-Real-IP",
			peer:   "203.0.113.7:51000",
			header: http.Header{"X-Real-Ip": {"198.51.100.1"}},
			want:   "203.0.113.7:51000",
		},
		{
			name:    "untrusted peer is the client whatever it claims",
			trusted: proxies,
			peer:    "203.0.113.7:51000",
			header:  http.Header{"X-Forwarded-For": {"198.51.100.1"}, "X-Real-Ip": {"198.51.100.2"}},
			want:    "203.0.113.7:51000",
		},
		{
			name:    "trusted proxy forwards the client",
			trusted: proxies,
			peer:    "10.0.0.1:443",
			header:  http.Header{"X-Forwarded-For": {"203.0.113.9"}},
			want:    "203.0.113.9",
		},
		{
			name:    "entries left of the first untrusted hop are the client's own claims",
			trusted: proxies,
			peer:    "10.0.0.1:443",
			header:  http.Header{"X-Forwarded-For": {"198.51.100.1, 203.0.113.9, 10.0.0.2"}},
			want:    "203.0.113.9",
		},
		{
			name:    "repeated headers form one list",
			trusted: proxies,
			peer:    "10.0.0.1:443",
			header:  http.Header{"X-Forwarded-For": {"198.51.100.1", "203.0.113.9"}},
			want:    "203.0.113.9",
		},
		{
			name:    "empty entries are skipped",
			trusted: proxies,
			peer:    "10.0.0.1:443",
			header:  http.Header{"X-Forwarded-For": {"203.0.113.9, , 10.0.0.2,"}},
			want:    "203.0.113.9",
		},
		{
			name:    "all hops trusted yields the furthest one",
			trusted: proxies,
			peer:    "10.0.0.1:443",
			header:  http.Header{"X-Forwarded-For": {"10.0.0.3, 10.0.0.2"}},
			want:    "10.0.0.3",
		},
		{
			name:    "malformed entry stops the walk at the last verified hop",
			trusted: proxies,
			peer:    "10.0.0.1:443",
			header:  http.Header{"X-Forwarded-For": {"198.51.100.1, not-an-ip, 10.0.0.2"}},
			want:    "10.0.0.2",
		},
		{
			name:    "malformed nearest entry keeps the peer",
			trusted: proxies,
			peer:    "10.0.0.1:443",
			header:  http.Header{"X-Forwarded-For": {"198.51.100.1, not-an-ip"}},
			want:    "10.0.0.1",
		},
		{
			name:    "IPv4-mapped spelling of a trusted hop is still trusted",
			trusted: proxies,
			peer:    "10.0.0.1:443",
			header:  http.Header{"X-Forwarded-For": {"203.0.113.9, ::ffff:10.0.0.2"}},
			want:    "203.0.113.9",
		},
		{
			name:    "IPv4-mapped peer address",
			trusted: proxies,
			peer:    "[::ffff:10.0.0.1]:443",
			header:  http.Header{"X-Forwarded-For": {"203.0.113.9"}},
			want:    "203.0.113.9",
		},
		{
			name:    "IPv6 proxy and client",
			trusted: proxies,
			peer:    "[fd00::1]:443",
			header:  http.Header{"X-Forwarded-For": {"2001:db8::1"}},
			want:    "2001:db8::1",
		},
		{
			name:    "X-Real-IP is used without X-Forwarded-For",
			trusted: proxies,
			peer:    "10.0.0.1:443",
			header:  http.Header{"X-Real-Ip": {"203.0.113.9"}},
			want:    "203.0.113.9",
		},
		{
			name:    "X-Forwarded-For takes precedence over X-Real-IP",
			trusted: proxies,
			peer:    "10.0.0.1:443",
			header:  http.Header{"X-Forwarded-For": {"203.0.113.9"}, "X-Real-Ip": {"198.51.100.1"}},
			want:    "203.0.113.9",
		},
		{
			name:    "malformed X-Real-IP keeps the peer address",
			trusted: proxies,
			peer:    "10.0.0.1:443",
			header:  http.Header{"X-Real-Ip": {"<script>"}},
			want:    "10.0.0.1:443",
		},
		{
			name:    "trusted proxy without forwarding headers",
			trusted: proxies,
			peer:    "10.0.0.1:443",
			want:    "10.0.0.1:443",
		},
		{
			name:    "unparseable peer address is left alone",
			trusted: proxies,
			peer:    "@unix",
			header:  http.Header{"X-Forwarded-For": {"203.0.113.9"}},
			want:    "@unix",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := RealIP(tt.trusted)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.WriteString(w, r.RemoteAddr)
			}))

			rec := get(t, h, "/", tt.peer, tt.header)

			assert.Equal(t, tt.want, rec.Body.String())
		})
	}
}

func TestRealIPCopiesTrustedPrefixes(t *testing.T) {
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	h := RealIP(trusted)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, r.RemoteAddr)
	}))
	trusted[0] = netip.MustParsePrefix("192.0.2.0/24")

	rec := get(t, h, "/", "10.0.0.1:443", http.Header{"X-Forwarded-For": {"203.0.113.9"}})

	assert.Equal(t, "203.0.113.9", rec.Body.String())
}
