package pages

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testNonce = "test-nonce"

func TestPages(t *testing.T) {
	tests := []struct {
		name      string
		page      templ.Component
		wantTitle string
		wantH1    string
	}{
		{name: "home", page: Home(), wantTitle: "Home", wantH1: "Welcome to"},
		{name: "about", page: About(), wantTitle: "About", wantH1: "About"},
		{
			name:      "error",
			page:      Error(http.StatusNotFound, "Page not found", "No such page."),
			wantTitle: "Page not found",
			wantH1:    "Page not found",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := render(t, tt.page)

			assert.True(t, strings.HasPrefix(doc.Find("title").Text(), tt.wantTitle+" · "),
				"title %q", doc.Find("title").Text())
			assert.Contains(t, doc.Find("main h1").Text(), tt.wantH1)
			assert.Equal(t, 1, doc.Find("#toast-container").Length())
			assertCSPSafe(t, doc)

			meta := doc.Find(`meta[name="htmx-config"]`).AttrOr("content", "")
			assert.Contains(t, meta, `"inlineScriptNonce":"`+testNonce+`"`)
			assert.Contains(t, meta, `"allowEval":false`)
		})
	}
}

func TestErrorPage(t *testing.T) {
	doc := render(t, Error(http.StatusInternalServerError, "Something went wrong", "Try again."))

	section := doc.Find("main #error")
	require.Equal(t, 1, section.Length())
	assert.Equal(t, "500", section.AttrOr("data-status", ""))
	assert.Contains(t, section.Text(), "Try again.")
}

func TestErrorContentIsAFragment(t *testing.T) {
	var buf bytes.Buffer
	c := ErrorContent(http.StatusTooManyRequests, "Too many requests", "Slow down.")
	require.NoError(t, c.Render(templ.WithNonce(context.Background(), testNonce), &buf))
	html := buf.String()

	for _, tag := range []string{"<html", "<head", "<body", "<script", "<!doctype"} {
		assert.NotContains(t, strings.ToLower(html), tag)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(html))
	require.NoError(t, err)
	assert.Equal(t, "Too many requests", doc.Find("#error h1").Text())
	assert.Equal(t, "429", doc.Find("#error").AttrOr("data-status", ""))
	assert.Contains(t, doc.Find("#error").Text(), "Slow down.")
}

// assertCSPSafe checks what the Content-Security-Policy would block: scripts without the nonce,
// inline scripts, inline event handlers and javascript: URLs.
func assertCSPSafe(t *testing.T, doc *goquery.Document) {
	t.Helper()
	scripts := doc.Find("script")
	require.Positive(t, scripts.Length())
	scripts.Each(func(_ int, s *goquery.Selection) {
		assert.Equal(t, testNonce, s.AttrOr("nonce", ""), "script without nonce")
		assert.NotEmpty(t, s.AttrOr("src", ""), "inline script")
	})
	doc.Find("*").Each(func(_ int, s *goquery.Selection) {
		for _, attr := range s.Nodes[0].Attr {
			assert.False(t, strings.HasPrefix(attr.Key, "on"), "inline handler %s on <%s>", attr.Key, s.Nodes[0].Data)
			assert.False(t, strings.HasPrefix(strings.TrimSpace(strings.ToLower(attr.Val)), "javascript:"),
				"javascript: URL in %s", attr.Key)
		}
	})
}

func render(t *testing.T, c templ.Component) *goquery.Document {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, c.Render(templ.WithNonce(context.Background(), testNonce), &buf))
	doc, err := goquery.NewDocumentFromReader(&buf)
	require.NoError(t, err)
	return doc
}
