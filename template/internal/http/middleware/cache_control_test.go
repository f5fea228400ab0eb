package middleware

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCacheControl(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
		want    string
	}{
		{
			name:    "body without a policy",
			handler: func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "page") },
			want:    "no-store",
		},
		{
			name:    "handler writes nothing",
			handler: func(http.ResponseWriter, *http.Request) {},
			want:    "no-store",
		},
		{
			name:    "status without a body",
			handler: func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) },
			want:    "no-store",
		},
		{
			name: "handler policy is kept",
			handler: func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				_, _ = io.WriteString(w, "asset")
			},
			want: "public, max-age=31536000, immutable",
		},
		{
			name: "session cookie marker alone still means no-store",
			handler: func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Cache-Control", `no-cache="Set-Cookie"`)
				_, _ = io.WriteString(w, "page with a new session")
			},
			want: "no-store",
		},
		{
			name: "policy set after the header was sent comes too late",
			handler: func(w http.ResponseWriter, _ *http.Request) {
				_, _ = io.WriteString(w, "page")
				w.Header().Set("Cache-Control", "max-age=60")
			},
			want: "no-store",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, CacheControl(tt.handler), "/", "192.0.2.1:1234", nil)

			assert.Equal(t, tt.want, rec.Result().Header.Get("Cache-Control"))
		})
	}
}

func TestCacheControlEarlyHints(t *testing.T) {
	srv := httptest.NewServer(CacheControl(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Link", "</assets/app.css>; rel=preload; as=style")
		w.WriteHeader(http.StatusEarlyHints)
		w.Header().Set("Cache-Control", "max-age=60")
		_, _ = io.WriteString(w, "page")
	})))
	t.Cleanup(srv.Close)

	res, err := srv.Client().Get(srv.URL)
	require.NoError(t, err)
	require.NoError(t, res.Body.Close())

	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "max-age=60", res.Header.Get("Cache-Control"), "an informational response does not decide the policy")
}

func TestCacheControlFlush(t *testing.T) {
	t.Run("flusher is kept", func(t *testing.T) {
		rec := httptest.NewRecorder()
		CacheControl(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			f, ok := w.(http.Flusher)
			require.True(t, ok, "streaming handlers need http.Flusher")
			f.Flush()
		})).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/events", nil))

		assert.True(t, rec.Flushed)
		assert.Equal(t, "no-store", rec.Header().Get("Cache-Control"), "flushing sends the header")
	})

	t.Run("flusher is not invented", func(t *testing.T) {
		w := struct{ http.ResponseWriter }{httptest.NewRecorder()}
		CacheControl(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			_, ok := w.(http.Flusher)
			assert.False(t, ok)
		})).ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
	})

	t.Run("response controller reaches the connection", func(t *testing.T) {
		srv := httptest.NewServer(CacheControl(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			rc := http.NewResponseController(w)
			assert.NoError(t, rc.EnableFullDuplex())
			assert.NoError(t, rc.Flush())
		})))
		t.Cleanup(srv.Close)

		res, err := srv.Client().Get(srv.URL)
		require.NoError(t, err)
		require.NoError(t, res.Body.Close())
		assert.Equal(t, "no-store", res.Header.Get("Cache-Control"))
	})
}
