package handlers

import (
	"net/url"
	"strings"
)

// safeReturnPath reports whether p is a path on this site that is safe to redirect to after
// signing in, and returns it. It refuses anything a browser could read as another origin:
// "//evil.com", "/\evil.com", "https:evil.com", absolute URLs, and control characters (which
// browsers strip, turning "/\t/evil.com" into "//evil.com").
func safeReturnPath(p string) (string, bool) {
	if p == "" || p[0] != '/' || len(p) > 2048 {
		return "", false
	}
	if len(p) > 1 && (p[1] == '/' || p[1] == '\\') {
		return "", false
	}
	if strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) {
		return "", false
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "", false
	}
	return p, true
}
