package middleware

import (
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strings"
)

// RealIP sets r.RemoteAddr to the client's IP address (without a port) when
// the request reached the server through one of the trusted proxies.
//
// Forwarding headers are only believed when the direct peer is inside one of
// the trusted prefixes; any client can send them. X-Forwarded-For is walked
// from right to left, skipping trusted hops, and the first address outside the
// trusted prefixes is the client: entries further left were written by the
// client itself and prove nothing. X-Real-IP is used when X-Forwarded-For is
// absent. With no trusted prefixes the headers are ignored altogether, which
// is the right setting for a server that is reached directly.
func RealIP(trusted []netip.Prefix) func(http.Handler) http.Handler {
	trusted = slices.Clone(trusted)
	return func(next http.Handler) http.Handler {
		if len(trusted) == 0 {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if ip, ok := forwardedClientIP(r, trusted); ok {
				r.RemoteAddr = ip.String()
			}
			next.ServeHTTP(w, r)
		})
	}
}

// forwardedClientIP returns the client address reported by trusted proxies,
// or false when the request did not come from one.
func forwardedClientIP(r *http.Request, trusted []netip.Prefix) (netip.Addr, bool) {
	peer, ok := parseIP(hostOnly(r.RemoteAddr))
	if !ok || !inPrefixes(peer, trusted) {
		return netip.Addr{}, false
	}

	// Each proxy appends the address it received the request from, so the
	// nearest hop is last; repeated headers are one list in order received.
	forwarded := r.Header.Values("X-Forwarded-For")
	if len(forwarded) == 0 {
		return parseIP(r.Header.Get("X-Real-IP"))
	}

	client := peer
	for _, hop := range slices.Backward(strings.Split(strings.Join(forwarded, ","), ",")) {
		if strings.TrimSpace(hop) == "" {
			continue
		}
		ip, ok := parseIP(hop)
		if !ok {
			// Anything left of a malformed entry cannot be trusted: settle for
			// the furthest hop that could be verified.
			break
		}
		client = ip
		if !inPrefixes(ip, trusted) {
			break
		}
	}
	return client, true
}

// parseIP parses an address from a header or RemoteAddr. IPv4-mapped IPv6
// addresses and zones are normalized away so that neither spelling can alias
// an address past a prefix check.
func parseIP(s string) (netip.Addr, bool) {
	ip, err := netip.ParseAddr(strings.TrimSpace(s))
	if err != nil {
		return netip.Addr{}, false
	}
	return ip.Unmap().WithZone(""), true
}

func inPrefixes(ip netip.Addr, prefixes []netip.Prefix) bool {
	return slices.ContainsFunc(prefixes, func(p netip.Prefix) bool { return p.Contains(ip) })
}

// hostOnly strips the port from an address such as r.RemoteAddr, which holds
// "ip:port" from net/http but a bare IP once RealIP has rewritten it.
func hostOnly(addr string) string {
	if host, _, err := net.SplitHostPort(addr); err == nil {
		return host
	}
	return addr
}
