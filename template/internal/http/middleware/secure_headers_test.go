package middleware

import (
	"context"
	"encoding/base64"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/a-h/templ"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSecureHeaders(t *testing.T) {
	tests := []struct {
		name     string
		opts     SecurityOptions
		wantHSTS string
	}{
		{name: "without HSTS", opts: SecurityOptions{}},
		{name: "with HSTS", opts: SecurityOptions{HSTS: true}, wantHSTS: "max-age=31536000; includeSubDomains"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var nonce, templNonce string
			h := SecureHeaders(tt.opts)(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
				nonce = Nonce(r.Context())
				templNonce = templ.GetNonce(r.Context())
			}))

			rec := get(t, h, "/", "192.0.2.1:1234", nil)

			require.NotEmpty(t, nonce)
			assert.Equal(t, nonce, templNonce, "templ renders the same nonce")
			want := map[string]string{
				"Content-Security-Policy": "default-src 'none'; script-src 'nonce-" + nonce + "' 'strict-dynamic'; " +
					"style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
					"manifest-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; " +
					"form-action 'self'",
				"X-Content-Type-Options":       "nosniff",
				"Referrer-Policy":              "strict-origin-when-cross-origin",
				"Permissions-Policy":           "geolocation=(), microphone=(), camera=()",
				"Cross-Origin-Opener-Policy":   "same-origin",
				"Cross-Origin-Resource-Policy": "same-origin",
				"X-Frame-Options":              "DENY",
				"Strict-Transport-Security":    tt.wantHSTS,
			}
			for name, value := range want {
				assert.Equal(t, value, rec.Header().Get(name), name)
			}
		})
	}
}

func TestSecureHeadersScriptPolicy(t *testing.T) {
	h := SecureHeaders(SecurityOptions{})(text(http.StatusOK, "ok"))

	csp := get(t, h, "/", "192.0.2.1:1234", nil).Header().Get("Content-Security-Policy")

	var scriptSrc string
	for directive := range strings.SplitSeq(csp, ";") {
		if name, value, _ := strings.Cut(strings.TrimSpace(directive), " "); name == "script-src" {
			scriptSrc = value
		}
	}
	require.NotEmpty(t, scriptSrc)
	assert.NotContains(t, scriptSrc, "*")
	// Nothing unsafe in any directive: no inline scripts or styles, no eval.
	assert.NotContains(t, csp, "'unsafe-")
	assert.True(t, strings.HasPrefix(csp, "default-src 'none';"), "what is not allowed is blocked: %s", csp)
}

func TestSecureHeadersNonces(t *testing.T) {
	// The nonce-source grammar of CSP Level 3: base64 or base64url.
	nonceSource := regexp.MustCompile(`script-src 'nonce-([A-Za-z0-9+/_-]+={0,2})'`)
	var handlerNonce string
	h := SecureHeaders(SecurityOptions{})(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		handlerNonce = Nonce(r.Context())
	}))

	seen := make(map[string]bool)
	for range 1000 {
		csp := get(t, h, "/", "192.0.2.1:1234", nil).Header().Get("Content-Security-Policy")

		m := nonceSource.FindStringSubmatch(csp)
		require.Len(t, m, 2, "CSP %q lacks a valid nonce", csp)
		nonce := m[1]
		require.Equal(t, handlerNonce, nonce, "the handler sees the nonce the browser gets")
		raw, err := base64.RawURLEncoding.DecodeString(nonce)
		require.NoError(t, err)
		require.GreaterOrEqual(t, len(raw), 16, "a nonce needs at least 128 bits")
		require.False(t, seen[nonce], "nonce %q reused", nonce)
		seen[nonce] = true
	}
	assert.Len(t, seen, 1000)
}

func TestNonceOutsideMiddleware(t *testing.T) {
	assert.Empty(t, Nonce(context.Background()))
}
