// Package page measures, in process, what the app's full handler chain costs over the
// hand-written baseline on the notes list page: anonymous and signed in, as a whole page and as
// an HTMX request. BENCH_DB names the seeded database both use (run `benchtool seed` first);
// without it the benchmark seeds a temporary one.
//
//	go test ./bench/page -run '^$' -bench . -benchmem -count 10 -cpu 1 | benchstat -col /impl -
package page

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"example.com/myapp/bench/baseline"
	"example.com/myapp/bench/benchenv"
	"example.com/myapp/internal/app"
	"example.com/myapp/internal/db"
	"example.com/myapp/internal/logging"
)

type subjects struct {
	app, base http.Handler
	cookie    string
	cleanup   func()
}

var (
	setupOnce sync.Once
	shared    subjects
	setupErr  error
)

func setup(tb testing.TB) subjects {
	tb.Helper()
	setupOnce.Do(func() { shared, setupErr = newSubjects() })
	if setupErr != nil {
		tb.Fatal(setupErr)
	}
	return shared
}

func newSubjects() (subjects, error) {
	ctx := context.Background()
	dbURL := os.Getenv("BENCH_DB")
	if dbURL == "" {
		dir, err := os.MkdirTemp("", "bench-page-")
		if err != nil {
			return subjects{}, err
		}
		dbURL = "file:" + filepath.Join(dir, "bench.db")
		if err := benchenv.Seed(ctx, dbURL); err != nil {
			return subjects{}, err
		}
	}
	cfg, err := benchenv.Config(dbURL, true)
	if err != nil {
		return subjects{}, err
	}
	database, err := db.Open(ctx, cfg.Database)
	if err != nil {
		return subjects{}, err
	}
	// The access log is written as in production (JSON at info level), to nowhere.
	log := logging.New(io.Discard, cfg.Log.Level, cfg.Log.Format)
	application, err := app.New(ctx, cfg, log, database)
	if err != nil {
		return subjects{}, err
	}
	cookie, err := benchenv.SignIn(ctx, application, cfg, benchenv.UserEmail)
	if err != nil {
		return subjects{}, err
	}
	name, _, _ := strings.Cut(cookie, "=")
	base, err := baseline.New(ctx, database, name)
	if err != nil {
		return subjects{}, err
	}
	return subjects{app: application.Server.Handler(), base: base, cookie: cookie}, nil
}

type variant struct {
	name   string
	signed bool
	htmx   bool
}

var variants = []variant{
	{"user=anon/kind=page", false, false},
	{"user=anon/kind=htmx", false, true},
	{"user=signed/kind=page", true, false},
	{"user=signed/kind=htmx", true, true},
}

func request(s subjects, v variant) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "/notes", nil)
	r.Header.Set("Accept", "text/html")
	if v.signed {
		r.Header.Set("Cookie", s.cookie)
	}
	if v.htmx {
		r.Header.Set("HX-Request", "true")
		r.Header.Set("HX-Current-URL", "http://127.0.0.1:8080/")
	}
	return r
}

// serve runs h on r with a request context that can be cancelled, as a server's is (net/http
// cancels it when the client goes away or the handler returns): database/sql then watches it
// with a goroutine per query, which both subjects pay for in production too.
func serve(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r.WithContext(ctx))
	return w
}

var noncePattern = regexp.MustCompile(`'nonce-([A-Za-z0-9_-]+)'`)

// masked returns the body with the response's CSP nonce replaced by a fixed string.
func masked(t *testing.T, w *httptest.ResponseRecorder) string {
	t.Helper()
	m := noncePattern.FindStringSubmatch(w.Header().Get("Content-Security-Policy"))
	if m == nil {
		t.Fatalf("no nonce in the CSP header %q", w.Header().Get("Content-Security-Policy"))
	}
	return strings.ReplaceAll(w.Body.String(), m[1], "NONCE")
}

// TestBodiesMatch proves that the two subjects do the same work: the same page, byte for byte
// once the nonces are masked, with 20 rows and, signed in, the user's own Edit links.
func TestBodiesMatch(t *testing.T) {
	s := setup(t)
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			got, want := serve(s.app, request(s, v)), serve(s.base, request(s, v))
			if got.Code != http.StatusOK || want.Code != http.StatusOK {
				t.Fatalf("status app %d, baseline %d", got.Code, want.Code)
			}
			a, b := masked(t, got), masked(t, want)
			if a != b {
				t.Fatalf("bodies differ\n--- app ---\n%s\n--- baseline ---\n%s", a, b)
			}
			if n := strings.Count(a, `data-testid="row-`); n != 20 {
				t.Fatalf("%d rows, want 20", n)
			}
			// Only the signed-in owner of a note gets its Edit link, on the page and in the fragment.
			if signedIn := strings.Contains(a, `data-testid="edit"`); signedIn != v.signed {
				t.Fatalf("signed in: %v, want %v", signedIn, v.signed)
			}
		})
	}
}

// cpuTime returns the CPU time the process has used. Per operation, it is the figure that other
// programs on the machine disturb least: time spent waiting for a core is not counted.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkPage reports ns/op (wall time), cpu-ns/op (process CPU time) and allocs/op of every
// variant for both subjects.
func BenchmarkPage(b *testing.B) {
	s := setup(b)
	impls := []struct {
		name string
		h    http.Handler
	}{{"baseline", s.base}, {"app", s.app}}
	// The subjects take turns on each variant; BENCH_APP_FIRST=1 lets the app go first, so that
	// a driver alternating it between rounds cancels any advantage of going first.
	if os.Getenv("BENCH_APP_FIRST") == "1" {
		impls[0], impls[1] = impls[1], impls[0]
	}
	for _, v := range variants {
		for _, impl := range impls {
			b.Run("impl="+impl.name+"/"+v.name, func(b *testing.B) {
				b.ReportAllocs()
				start, n := cpuTime(b), 0
				for b.Loop() {
					if w := serve(impl.h, request(s, v)); w.Code != http.StatusOK {
						b.Fatalf("status %d", w.Code)
					}
					n++
				}
				b.ReportMetric(float64(cpuTime(b)-start)/float64(n), "cpu-ns/op")
			})
		}
	}
}

// BenchmarkCompression reports what the app's gzip of a page costs: the anonymous list page
// asked for without and with Accept-Encoding: gzip (the baseline does not compress, so the page
// benchmarks and the loopback runs ask for identity).
func BenchmarkCompression(b *testing.B) {
	s := setup(b)
	for _, encoding := range []string{"identity", "gzip"} {
		b.Run("encoding="+encoding, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r := request(s, variant{})
				r.Header.Set("Accept-Encoding", encoding)
				if w := serve(s.app, r); w.Code != http.StatusOK {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	}
}
