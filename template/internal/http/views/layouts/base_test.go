package layouts

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testNonce = "test-nonce"

func TestBase(t *testing.T) {
	content := templ.Raw(`<p id="content">Hello</p>`)
	ctx := templ.WithChildren(templ.WithNonce(context.Background(), testNonce), content)
	doc := render(t, ctx, Base("Test page"))

	assert.Equal(t, "en", doc.Find("html").AttrOr("lang", ""))
	assert.True(t, strings.HasPrefix(doc.Find("title").Text(), "Test page · "), "title %q", doc.Find("title").Text())
	assert.Equal(t, 1, doc.Find(`meta[charset="utf-8"]`).Length())
	assert.Equal(t, 1, doc.Find(`meta[name="viewport"]`).Length())
	assert.NotEmpty(t, doc.Find(`meta[name="description"]`).AttrOr("content", ""))
	assert.Equal(t, "/favicon.ico", doc.Find(`link[rel="icon"]`).AttrOr("href", ""))
	assert.True(t, strings.HasPrefix(doc.Find(`link[rel="stylesheet"]`).AttrOr("href", ""), "/assets/app"))

	t.Run("scripts carry the nonce", func(t *testing.T) {
		scripts := doc.Find("script")
		require.Positive(t, scripts.Length())
		scripts.Each(func(_ int, s *goquery.Selection) {
			assert.Equal(t, testNonce, s.AttrOr("nonce", ""), "script %v", s.AttrOr("src", "(inline)"))
			assert.NotEmpty(t, s.AttrOr("src", ""), "inline scripts are not allowed")
		})
	})

	t.Run("htmx config", func(t *testing.T) {
		content, ok := doc.Find(`meta[name="htmx-config"]`).Attr("content")
		require.True(t, ok)
		var cfg map[string]any
		require.NoError(t, json.Unmarshal([]byte(content), &cfg))
		assert.Equal(t, testNonce, cfg["inlineScriptNonce"])
		assert.Equal(t, false, cfg["allowEval"])
		assert.Equal(t, true, cfg["selfRequestsOnly"])
		assert.Equal(t, false, cfg["includeIndicatorStyles"])
		assert.Equal(t, false, cfg["historyRestoreAsHxRequest"])
	})

	t.Run("body", func(t *testing.T) {
		assert.Equal(t, "true", doc.Find("body").AttrOr("hx-boost", ""))
		assert.Equal(t, "Hello", doc.Find("main#main #content").Text())
		assert.Equal(t, 1, doc.Find("body nav").Length())
		assert.Equal(t, "polite", doc.Find("#toast-container").AttrOr("aria-live", ""))
	})
}

func TestHTMXConfigJSONEscapesNonce(t *testing.T) {
	var cfg map[string]any
	require.NoError(t, json.Unmarshal([]byte(htmxConfigJSON(`a"b\c`)), &cfg))
	assert.Equal(t, `a"b\c`, cfg["inlineScriptNonce"])
}

func render(t *testing.T, ctx context.Context, c templ.Component) *goquery.Document {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, c.Render(ctx, &buf))
	doc, err := goquery.NewDocumentFromReader(&buf)
	require.NoError(t, err)
	return doc
}
