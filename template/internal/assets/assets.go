// Package assets serves the front-end build output (dist/, produced by `npm run build`) and a
// few static files, all embedded in the binary.
//
// Every file in dist/ is also reachable under a content-hashed name (app.css → app-<hash>.css).
// Templates link the hashed name through Path, so browsers can cache it forever and still see a
// new version on the first request after a deploy.
package assets

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

// URLPrefix is the URL path under which Handler is mounted. It must match routes.Assets.
const URLPrefix = "/assets/"

const (
	distDir = "dist"
	// hashLen hex characters (48 bits) are plenty to tell builds of the same file apart.
	hashLen = 12

	cacheImmutable = "public, max-age=31536000, immutable"
	// Unhashed names stay reachable (source maps link to app.js.map, for instance) but must never
	// go stale after a deploy, so browsers revalidate them against the ETag on every use.
	cacheRevalidate = "no-cache"
	cacheStatic     = "public, max-age=86400"
)

// files holds the build output and the static files. dist/ always contains .gitkeep, so the
// program compiles before the assets have been built.
//
//go:embed all:dist static
var files embed.FS

// asset is one embedded file of dist/.
type asset struct {
	file   string // path inside the embedded FS, e.g. "dist/app.css"
	hashed string // name with the content hash, e.g. "app-3f2a9c1b7d4e.css"
	etag   string
}

// manifest indexes dist/ by original and by hashed name.
type manifest struct {
	byName   map[string]asset
	byHashed map[string]asset
}

// loadManifest hashes dist/ once. It only depends on embedded data, so computing it lazily is
// equivalent to a constant.
var loadManifest = sync.OnceValue(func() manifest {
	m := manifest{byName: map[string]asset{}, byHashed: map[string]asset{}}
	// Errors cannot happen with a well-formed embed.FS; a file that cannot be read is skipped and
	// then answers 404, which is what a missing build would do too.
	_ = fs.WalkDir(files, distDir, func(file string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case strings.HasPrefix(d.Name(), ".") && d.IsDir():
			return fs.SkipDir
		case strings.HasPrefix(d.Name(), ".") || d.IsDir():
			return nil
		}
		sum, err := hashFile(file)
		if err != nil {
			return nil
		}
		name := strings.TrimPrefix(file, distDir+"/")
		a := asset{file: file, hashed: hashedName(name, sum), etag: `"` + sum + `"`}
		m.byName[name] = a
		m.byHashed[a.hashed] = a
		return nil
	})
	return m
})

// Path returns the URL of the named file of dist/ with its content hash, e.g.
// Path("app.css") == "/assets/app-3f2a9c1b7d4e.css". For a file that is not in the build (assets
// not built yet) it returns the unhashed URL, so pages still render.
func Path(name string) string {
	name = strings.TrimPrefix(name, "/")
	if a, ok := loadManifest().byName[name]; ok {
		return URLPrefix + a.hashed
	}
	return URLPrefix + name
}

// Handler serves dist/ and expects URLPrefix to have been stripped from the request path.
// Hashed names are cached for a year as immutable; original names must be revalidated. Any
// other path, including traversal attempts and dotfiles, answers 404.
func Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowMethod(w, r) {
			return
		}
		name := strings.TrimPrefix(r.URL.Path, "/")
		m := loadManifest()
		if a, ok := m.byHashed[name]; ok {
			serve(w, r, a.file, a.etag, cacheImmutable)
			return
		}
		if a, ok := m.byName[name]; ok {
			serve(w, r, a.file, a.etag, cacheRevalidate)
			return
		}
		http.NotFound(w, r)
	})
}

// Static serves the file static/<name>, such as robots.txt or favicon.ico, with a one-day cache.
// A name that is not embedded answers 404.
func Static(name string) http.Handler {
	file := path.Join("static", name)
	sum, err := hashFile(file)
	if err != nil || !fs.ValidPath(name) {
		return http.HandlerFunc(notFound)
	}
	etag := `"` + sum + `"`
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if allowMethod(w, r) {
			serve(w, r, file, etag, cacheStatic)
		}
	})
}

func notFound(w http.ResponseWriter, r *http.Request) {
	if allowMethod(w, r) {
		http.NotFound(w, r)
	}
}

func allowMethod(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
	return false
}

// serve writes an embedded file. http.ServeContent answers Range, HEAD and If-None-Match.
func serve(w http.ResponseWriter, r *http.Request, file, etag, cacheControl string) {
	f, err := files.Open(file)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	content, ok := f.(io.ReadSeeker)
	if !ok {
		http.NotFound(w, r)
		return
	}

	h := w.Header()
	h.Set("Cache-Control", cacheControl)
	h.Set("ETag", etag)
	if ct := contentType(file); ct != "" {
		h.Set("Content-Type", ct)
	}
	// Embedded files have no modification time; the ETag is the validator.
	http.ServeContent(w, r, path.Base(file), time.Time{}, content)
}

func hashFile(file string) (string, error) {
	f, err := files.Open(file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:hashLen], nil
}

// hashedName inserts the hash before the last extension: "js/app.js.map" → "js/app.js-<hash>.map".
func hashedName(name, sum string) string {
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "-" + sum + ext
}

// contentType is explicit for the types a build produces, because container images often lack
// the system MIME table that mime.TypeByExtension falls back to. An empty result lets
// http.ServeContent sniff the content.
func contentType(file string) string {
	switch path.Ext(file) {
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".map", ".json":
		return "application/json"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".ico":
		return "image/x-icon"
	case ".png":
		return "image/png"
	case ".webp":
		return "image/webp"
	case ".woff2":
		return "font/woff2"
	default:
		return ""
	}
}
