package htmx

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRequestHeaders(t *testing.T) {
	tests := []struct {
		name          string
		headers       map[string]string
		wantRequest   bool
		wantIsBoosted bool
	}{
		{name: "plain request"},
		{name: "htmx request", headers: map[string]string{"HX-Request": "true"}, wantRequest: true},
		{
			name:        "targeted request",
			headers:     map[string]string{"HX-Request": "true", "HX-Target": "post-hello"},
			wantRequest: true,
		},
		{
			name:          "boosted navigation",
			headers:       map[string]string{"HX-Request": "true", "HX-Boosted": "true"},
			wantRequest:   true,
			wantIsBoosted: true,
		},
		{name: "other value", headers: map[string]string{"HX-Request": "1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			for k, v := range tt.headers {
				r.Header.Set(k, v)
			}
			assert.Equal(t, tt.wantRequest, IsRequest(r))
			assert.Equal(t, tt.wantIsBoosted, IsBoosted(r))
			assert.Equal(t, tt.wantRequest && !tt.wantIsBoosted, WantsFragment(r))
			assert.Equal(t, tt.headers["HX-Target"], Target(r))
		})
	}
}

func TestTrigger(t *testing.T) {
	tests := []struct {
		name     string
		existing string
		event    string
		detail   any
		want     map[string]any
	}{
		{
			name:   "single event",
			event:  "saved",
			detail: map[string]int{"id": 7},
			want:   map[string]any{"saved": map[string]any{"id": float64(7)}},
		},
		{
			name:     "adds to a previous JSON header",
			existing: `{"first":null}`,
			event:    "second",
			detail:   "x",
			want:     map[string]any{"first": nil, "second": "x"},
		},
		{
			name:     "adds to a previous plain header",
			existing: "a, b",
			event:    "c",
			detail:   true,
			want:     map[string]any{"a": nil, "b": nil, "c": true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			if tt.existing != "" {
				w.Header().Set("HX-Trigger", tt.existing)
			}
			require.NoError(t, Trigger(w, tt.event, tt.detail))
			assert.Equal(t, tt.want, triggerHeader(t, w))
		})
	}
}

func TestTriggerErrors(t *testing.T) {
	w := httptest.NewRecorder()
	require.ErrorIs(t, Trigger(w, "", nil), ErrEmptyEvent)
	require.Error(t, Trigger(w, "bad", make(chan int)))
	assert.Empty(t, w.Header().Get("HX-Trigger"))
}

func TestToast(t *testing.T) {
	w := httptest.NewRecorder()
	require.NoError(t, Toast(w, ToastSuccess, "Saved ✓ — café 😀"))

	header := w.Header().Get("HX-Trigger")
	for _, b := range []byte(header) {
		require.Less(t, b, byte(0x80), "HX-Trigger must be ASCII, got %q", header)
	}
	want := map[string]any{"toast": map[string]any{"type": "success", "msg": "Saved ✓ — café 😀"}}
	assert.Equal(t, want, triggerHeader(t, w))
}

func TestRedirectAndRefresh(t *testing.T) {
	w := httptest.NewRecorder()
	Redirect(w, "/about")
	Refresh(w)
	assert.Equal(t, "/about", w.Header().Get("HX-Redirect"))
	assert.Equal(t, "true", w.Header().Get("HX-Refresh"))
}

func TestRetargetAndReswap(t *testing.T) {
	w := httptest.NewRecorder()
	Retarget(w, "#posts")
	Reswap(w, "outerHTML")
	assert.Equal(t, "#posts", w.Header().Get("HX-Retarget"))
	assert.Equal(t, "outerHTML", w.Header().Get("HX-Reswap"))
}

func triggerHeader(t *testing.T, w *httptest.ResponseRecorder) map[string]any {
	t.Helper()
	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(w.Header().Get("HX-Trigger")), &got))
	return got
}
