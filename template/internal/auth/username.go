package auth

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

const (
	minUsername = 3
	maxUsername = 32
	// maxUsernameTries bounds the search for a free "name-N" before giving up.
	maxUsernameTries = 100
)

var usernamePattern = regexp.MustCompile(`^[a-z0-9_-]{3,32}$`)

// ValidUsername reports whether s is a well-formed username.
func ValidUsername(s string) bool { return usernamePattern.MatchString(s) }

// baseUsername derives a username from the local part of an email address: lower case,
// anything outside [a-z0-9_-] becomes "-", runs of "-" collapse, and short results are padded.
func baseUsername(email string) string {
	local, _, _ := strings.Cut(email, "@")
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(local) {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_'
		switch {
		case ok:
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	name := strings.Trim(b.String(), "-")
	if len(name) > maxUsername-4 { // room for a "-NNN" suffix
		name = strings.TrimRight(name[:maxUsername-4], "-")
	}
	if len(name) < minUsername {
		name = "user" + name
	}
	return name
}

// uniqueUsername returns the first free name among base, base-2, base-3, …
func uniqueUsername(ctx context.Context, taken func(context.Context, string) (bool, error), base string) (string, error) {
	for i := 1; i <= maxUsernameTries; i++ {
		name := base
		if i > 1 {
			name = base + "-" + strconv.Itoa(i)
		}
		exists, err := taken(ctx, name)
		if err != nil {
			return "", fmt.Errorf("check username %q: %w", name, err)
		}
		if !exists {
			return name, nil
		}
	}
	return "", fmt.Errorf("no free username for %q after %d tries", base, maxUsernameTries)
}
