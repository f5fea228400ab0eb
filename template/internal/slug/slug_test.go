package slug

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hello, World!", "hello-world"},
		{"  Go 1.26 -- released  ", "go-1-26-released"},
		{"Crème brûlée", "crème-brûlée"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Make(tt.in), tt.in)
	}
	assert.Len(t, []rune(Make(string(slices.Repeat([]rune("é"), 100)))), MaxLength)
	assert.Equal(t, "ab", Make("ab" + strings.Repeat(" ", 80) + "cd")[:2])
	assert.Len(t, Make("!!!"), 10, "no letters: a random slug")
	assert.NotEqual(t, Make("!!!"), Make("!!!"))
}

// takenSet reports the slugs in it as taken.
func takenSet(slugs ...string) func(context.Context, string) (bool, error) {
	return func(_ context.Context, slug string) (bool, error) { return slices.Contains(slugs, slug), nil }
}

func TestFree(t *testing.T) {
	ctx := t.Context()
	tests := []struct {
		name    string
		base    string
		attempt int
		taken   []string
		want    string
	}{
		{"free", "hello", 1, nil, "hello"},
		{"taken", "hello", 1, []string{"hello", "hello-2"}, "hello-3"},
		{"from a later attempt", "hello", 3, nil, "hello-3"},
		{"reserved", "new", 1, nil, "new-2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Free(ctx, tt.base, tt.attempt, takenSet(tt.taken...))
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}

	all := func(context.Context, string) (bool, error) { return true, nil }
	got, err := Free(ctx, "hello", 1, all)
	require.NoError(t, err)
	assert.Regexp(t, `^hello-[a-z0-9]{10}$`, got, "every numbered slug taken: a random suffix")

	failing := func(context.Context, string) (bool, error) { return false, errors.New("database is down") }
	_, err = Free(ctx, "hello", 1, failing)
	assert.ErrorContains(t, err, "database is down")
}
