// Package slug makes the slugs that name records in URLs: readable ones from a record's title
// ("hello-world"), random ones when it has none, and a free variant ("hello-world-2") when a
// slug is taken.
package slug

import (
	"context"
	"crypto/rand"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// MaxLength is the longest slug Make returns, in characters.
const MaxLength = 60

// MaxAttempts bounds the search for a free slug: once base, base-2 … base-MaxAttempts are all
// taken, Free adds a random suffix instead.
const MaxAttempts = 20

// Make returns a URL-friendly slug of s: lower-case letters and digits, with dashes between
// words, at most MaxLength characters. A text without any letter or digit gets a Random slug.
func Make(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	slug := b.String()
	if runes := []rune(slug); len(runes) > MaxLength {
		slug = strings.TrimRight(string(runes[:MaxLength]), "-")
	}
	if slug == "" {
		return Random()
	}
	return slug
}

// Random returns a short random slug, such as "k3v9q2xa7m".
func Random() string {
	return strings.ToLower(rand.Text()[:10])
}

// Free returns the first of base, base-2, base-3 … that is not reserved and that taken reports
// free, starting at the attempt-th (1 is base itself), so that a caller whose insert lost a race
// for a slug can go on from the next one. Past MaxAttempts it returns base with a random suffix.
func Free(ctx context.Context, base string, attempt int, taken func(ctx context.Context, slug string) (bool, error)) (string, error) {
	for ; attempt <= MaxAttempts; attempt++ {
		slug := base
		if attempt > 1 {
			slug += "-" + strconv.Itoa(attempt)
		}
		if isReserved(slug) {
			continue
		}
		exists, err := taken(ctx, slug)
		if err != nil {
			return "", fmt.Errorf("check slug: %w", err)
		}
		if !exists {
			return slug, nil
		}
	}
	return base + "-" + Random(), nil
}

// isReserved reports whether slug would be mistaken for another page's path, such as /posts/new.
func isReserved(slug string) bool {
	return slug == "new"
}
