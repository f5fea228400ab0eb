// Package components holds the view components that pages share: the navigation bar, its links
// and the toasts.
package components

import "context"

// NavLink is a link in the navigation bar, such as the list page of a generated resource.
type NavLink struct {
	Label string
	Path  string
}

type navLinksKey struct{}

// WithNavLinks returns a context whose pages show links in the navigation bar.
func WithNavLinks(ctx context.Context, links []NavLink) context.Context {
	return context.WithValue(ctx, navLinksKey{}, links)
}

// navLinks returns the links WithNavLinks put in ctx.
func navLinks(ctx context.Context) []NavLink {
	links, _ := ctx.Value(navLinksKey{}).([]NavLink)
	return links
}

type accountLinksKey struct{}

// WithAccountLinks returns a context whose pages show signed-in users links to pages of their
// account, such as their phone number.
func WithAccountLinks(ctx context.Context, links []NavLink) context.Context {
	return context.WithValue(ctx, accountLinksKey{}, links)
}

// accountLinks returns the links WithAccountLinks put in ctx.
func accountLinks(ctx context.Context) []NavLink {
	links, _ := ctx.Value(accountLinksKey{}).([]NavLink)
	return links
}
