package auth

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// perms allows exactly the listed "user/resource/action" triples and "user/role" pairs.
type perms map[string]bool

func (p perms) Can(userID, resource, action string) (bool, error) {
	return p[userID+"/"+resource+"/"+action], nil
}
func (p perms) HasRole(userID, role string) bool { return p[userID+"/"+role] }

// brokenPerms cannot answer any question.
type brokenPerms struct{ err error }

func (p brokenPerms) Can(string, string, string) (bool, error) { return false, p.err }
func (p brokenPerms) HasRole(string, string) bool              { return false }

func TestContextHelpers(t *testing.T) {
	p := perms{"ed/posts/update": true, "ed/editor": true}
	anonymous := context.Background()
	ada := WithUser(anonymous, User{ID: "ada", Email: "ada@example.com"}, p)
	ed := WithUser(anonymous, User{ID: "ed"}, p)

	u, ok := CurrentUser(ada)
	assert.True(t, ok)
	assert.Equal(t, "ada@example.com", u.Email)
	_, ok = CurrentUser(anonymous)
	assert.False(t, ok)

	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"anonymous cannot", Can(anonymous, "posts", "update"), false},
		{"anonymous has no role", HasRole(anonymous, "editor"), false},
		{"anonymous owns nothing", IsOwner(anonymous, ""), false},
		{"user without the permission", Can(ada, "posts", "update"), false},
		{"user with the permission", Can(ed, "posts", "update"), true},
		{"role held", HasRole(ed, "editor"), true},
		{"owner", IsOwner(ada, "ada"), true},
		{"empty owner id is nobody's", IsOwner(ada, ""), false},
		{"owner may edit their own", OwnsOrCan(ada, "ada", "posts", "update"), true},
		{"others' records need the permission", OwnsOrCan(ada, "bob", "posts", "update"), false},
		{"the permission covers others' records", OwnsOrCan(ed, "bob", "posts", "update"), true},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.got, tt.name)
	}
}

func TestAuthorizeReturnsErrors(t *testing.T) {
	broken := errors.New("policy unreadable")
	var logs bytes.Buffer
	ctx := zerolog.New(&logs).WithContext(context.Background())
	ctx = WithUser(ctx, User{ID: "ada"}, brokenPerms{broken})

	allowed, err := Authorize(ctx, "posts", "update")
	require.ErrorIs(t, err, broken)
	assert.False(t, allowed)
	allowed, err = AuthorizeOwner(ctx, "bob", "posts", "update")
	require.ErrorIs(t, err, broken)
	assert.False(t, allowed)
	allowed, err = AuthorizeOwner(ctx, "ada", "posts", "update")
	require.NoError(t, err, "owners need no permission")
	assert.True(t, allowed)

	assert.False(t, Can(ctx, "posts", "update"), "views hide what cannot be checked")
	assert.Contains(t, logs.String(), "policy unreadable", "and the error is logged")

	allowed, err = Authorize(context.Background(), "posts", "update")
	require.NoError(t, err)
	assert.False(t, allowed, "anonymous")
}
