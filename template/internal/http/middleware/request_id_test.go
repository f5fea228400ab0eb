package middleware

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRequestID(t *testing.T) {
	saneID := regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)
	tests := []struct {
		name     string
		incoming []string
		keep     bool
	}{
		{name: "none", incoming: nil},
		{name: "empty", incoming: []string{""}},
		{name: "uuid", incoming: []string{"0b5e4a2c-3f1d-4c8e-9a7b-2d6f1e0c9b8a"}, keep: true},
		{name: "all allowed characters", incoming: []string{"Az09._-"}, keep: true},
		{name: "64 characters", incoming: []string{strings.Repeat("a", 64)}, keep: true},
		{name: "65 characters", incoming: []string{strings.Repeat("a", 65)}},
		{name: "newline injection", incoming: []string{"abc\nlevel=error msg=forged"}},
		{name: "space", incoming: []string{"abc def"}},
		{name: "quote", incoming: []string{`abc"def`}},
		{name: "json", incoming: []string{`{"a":1}`}},
		{name: "non-ASCII", incoming: []string{"abcé"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var seen string
			h := RequestID(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
				seen = GetRequestID(r.Context())
			}))

			rec := get(t, h, "/", "192.0.2.1:1234", http.Header{RequestIDHeader: tt.incoming})

			echoed := rec.Header().Get(RequestIDHeader)
			assert.Equal(t, seen, echoed, "context and response header must agree")
			assert.Regexp(t, saneID, echoed)
			if tt.keep {
				assert.Equal(t, tt.incoming[0], echoed)
			} else if len(tt.incoming) > 0 {
				assert.NotEqual(t, tt.incoming[0], echoed)
			}
		})
	}
}

func TestRequestIDGeneratesDistinctIDs(t *testing.T) {
	saneID := regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)
	h := RequestID(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))

	seen := make(map[string]bool)
	for range 100 {
		id := get(t, h, "/", "192.0.2.1:1234", nil).Header().Get(RequestIDHeader)
		require.Regexp(t, saneID, id)
		require.GreaterOrEqual(t, len(id), 20, "a generated ID needs enough entropy to be unique")
		require.False(t, seen[id], "duplicate request ID %q", id)
		seen[id] = true
	}
}

func TestGetRequestIDOutsideMiddleware(t *testing.T) {
	assert.Empty(t, GetRequestID(context.Background()))
}
