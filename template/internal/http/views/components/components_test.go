package components

import (
	"bytes"
	"context"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNav(t *testing.T) {
	doc := render(t, Nav())

	var links []string
	doc.Find("nav a[data-nav-link]").Each(func(_ int, s *goquery.Selection) {
		links = append(links, s.AttrOr("href", ""))
	})
	assert.Equal(t, []string{"/", "/about"}, links)
	assert.Equal(t, "Main", doc.Find("nav").AttrOr("aria-label", ""))
}

func TestNavShowsTheLinksOfGeneratedResources(t *testing.T) {
	ctx := WithNavLinks(context.Background(), []NavLink{
		{Label: "Posts", Path: "/posts"},
		{Label: "Products", Path: "/products"},
	})
	var buf bytes.Buffer
	require.NoError(t, Nav().Render(ctx, &buf))
	doc, err := goquery.NewDocumentFromReader(&buf)
	require.NoError(t, err)

	var links []string
	doc.Find("nav a[data-nav-link]").Each(func(_ int, s *goquery.Selection) {
		links = append(links, s.Text()+" "+s.AttrOr("href", ""))
	})
	assert.Equal(t, []string{"Home /", "About /about", "Posts /posts", "Products /products"}, links)
}

func TestToasts(t *testing.T) {
	doc := render(t, Toasts())

	container := doc.Find("#toast-container")
	require.Equal(t, 1, container.Length())
	assert.Equal(t, "polite", container.AttrOr("aria-live", ""))
	assert.Equal(t, "true", container.AttrOr("hx-preserve", ""))
}

func render(t *testing.T, c templ.Component) *goquery.Document {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, c.Render(context.Background(), &buf))
	doc, err := goquery.NewDocumentFromReader(&buf)
	require.NoError(t, err)
	return doc
}
