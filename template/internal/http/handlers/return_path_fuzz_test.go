package handlers

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzSafeReturnPath checks that every path safeReturnPath accepts stays on the site as a browser
// reads it: browsers drop tabs and line breaks and take a backslash for a slash.
func FuzzSafeReturnPath(f *testing.F) {
	for _, seed := range []string{
		"/", "/posts?page=2#top", "//evil.example", "/\\evil.example", "\\\\evil.example", "https://evil.example",
		"/\t/evil.example", "/%2F%2Fevil.example", "javascript:alert(1)", "/a/../..//evil.example", "/@evil.example",
		"/\u3000/evil.example", "",
	} {
		f.Add(seed)
	}
	site, _ := url.Parse("https://app.example.com/somewhere")
	f.Fuzz(func(t *testing.T, p string) {
		got, ok := safeReturnPath(p)
		if !ok {
			return
		}
		if got != p {
			t.Fatalf("safeReturnPath(%q) = %q: an accepted path is returned as it is", p, got)
		}
		asRead := strings.Map(func(r rune) rune {
			switch r {
			case '\t', '\n', '\r':
				return -1
			case '\\':
				return '/'
			}
			return r
		}, got)
		ref, err := url.Parse(asRead)
		if err != nil {
			return // a browser would not follow it either
		}
		if to := site.ResolveReference(ref); to.Host != site.Host || to.Scheme != site.Scheme {
			t.Fatalf("safeReturnPath accepted %q, which leads to %s", p, to)
		}
	})
}
