package assets

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests use whatever the last `npm run build` left in dist/; they never write to it.

func TestPath(t *testing.T) {
	if _, ok := loadManifest().byName["app.css"]; !ok {
		t.Skip("internal/assets/dist has no app.css: run `npm ci && npm run build` to test hashed names")
	}
	assert.Regexp(t, regexp.MustCompile(`^/assets/app-[0-9a-f]{12}\.css$`), Path("app.css"))
	assert.Equal(t, Path("app.css"), Path("/app.css"))
}

func TestPathFallsBackToUnhashedName(t *testing.T) {
	assert.Equal(t, "/assets/missing.css", Path("missing.css"))
}

func TestHandlerServesHashedNames(t *testing.T) {
	built := loadManifest().byName
	if len(built) == 0 {
		t.Skip("internal/assets/dist is empty: run `npm ci && npm run build` to test serving")
	}
	h := http.StripPrefix(URLPrefix, Handler())
	for name, a := range built {
		t.Run(name, func(t *testing.T) {
			want, err := fs.ReadFile(files, a.file)
			require.NoError(t, err)

			w := get(t, h, Path(name), nil)
			require.Equal(t, http.StatusOK, w.Code)
			assert.Equal(t, "public, max-age=31536000, immutable", w.Header().Get("Cache-Control"))
			assert.Equal(t, a.etag, w.Header().Get("ETag"))
			if ct := contentType(a.file); ct != "" {
				assert.Equal(t, ct, w.Header().Get("Content-Type"))
			}
			assert.Equal(t, want, w.Body.Bytes())
		})
	}
}

func TestHandlerContentTypes(t *testing.T) {
	tests := []struct{ name, want string }{
		{"app.css", "text/css; charset=utf-8"},
		{"app.js", "text/javascript; charset=utf-8"},
	}
	h := http.StripPrefix(URLPrefix, Handler())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, ok := loadManifest().byName[tt.name]; !ok {
				t.Skipf("internal/assets/dist has no %s: run `npm ci && npm run build`", tt.name)
			}
			w := get(t, h, Path(tt.name), nil)
			require.Equal(t, http.StatusOK, w.Code)
			assert.Equal(t, tt.want, w.Header().Get("Content-Type"))
		})
	}
}

func TestHandlerRevalidatesUnhashedNames(t *testing.T) {
	a, ok := loadManifest().byName["app.css"]
	if !ok {
		t.Skip("internal/assets/dist has no app.css: run `npm ci && npm run build`")
	}
	h := http.StripPrefix(URLPrefix, Handler())

	w := get(t, h, URLPrefix+"app.css", nil)
	require.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, "no-cache", w.Header().Get("Cache-Control"))

	w = get(t, h, URLPrefix+"app.css", http.Header{"If-None-Match": {a.etag}})
	assert.Equal(t, http.StatusNotModified, w.Code)
}

func TestHandlerNotFound(t *testing.T) {
	h := http.StripPrefix(URLPrefix, Handler())
	for _, target := range []string{
		"/assets/",
		"/assets/missing.css",
		"/assets/app-000000000000.css",
		"/assets/.gitkeep",
		"/assets/dist/app.css",
		"/assets/static/robots.txt",
		"/assets/../assets.go",
		"/assets/%2e%2e/assets.go",
		"/assets/..%2fassets.go",
		"/assets/%2e%2e%2fstatic%2frobots.txt",
		"/assets//etc/passwd",
		"/assets/..\\assets.go",
	} {
		t.Run(target, func(t *testing.T) {
			assert.Equal(t, http.StatusNotFound, get(t, h, target, nil).Code)
		})
	}
}

func TestHandlerRejectsOtherMethods(t *testing.T) {
	r := httptest.NewRequest(http.MethodPost, "/assets/app.css", nil)
	w := httptest.NewRecorder()
	http.StripPrefix(URLPrefix, Handler()).ServeHTTP(w, r)

	assert.Equal(t, http.StatusMethodNotAllowed, w.Code)
	assert.Equal(t, "GET, HEAD", w.Header().Get("Allow"))
}

func TestStatic(t *testing.T) {
	tests := []struct {
		name        string
		wantStatus  int
		wantType    string
		wantCaching string
	}{
		{"robots.txt", http.StatusOK, "text/plain; charset=utf-8", "public, max-age=86400"},
		{"favicon.ico", http.StatusOK, "image/x-icon", "public, max-age=86400"},
		{"missing.txt", http.StatusNotFound, "", ""},
		{"../dist/.gitkeep", http.StatusNotFound, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(t, Static(tt.name), "/"+tt.name, nil)
			require.Equal(t, tt.wantStatus, w.Code)
			if tt.wantStatus != http.StatusOK {
				return
			}
			assert.Equal(t, tt.wantType, w.Header().Get("Content-Type"))
			assert.Equal(t, tt.wantCaching, w.Header().Get("Cache-Control"))
			assert.NotZero(t, w.Body.Len())
		})
	}
}

func TestHashedName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"app.css", "app-abc.css"},
		{"app.js.map", "app.js-abc.map"},
		{"fonts/inter.woff2", "fonts/inter-abc.woff2"},
		{"LICENSE", "LICENSE-abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, hashedName(tt.name, "abc"))
		})
	}
}

func get(t *testing.T, h http.Handler, target string, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, target, nil)
	for k, v := range header {
		r.Header[k] = v
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}
