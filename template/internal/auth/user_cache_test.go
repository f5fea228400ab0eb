package auth

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingUsers is an in-memory UserByIDFinder that counts its lookups.
type countingUsers struct {
	mu      sync.Mutex
	users   map[string]User
	lookups int
	err     error
}

func (f *countingUsers) UserByID(_ context.Context, id string) (User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lookups++
	if f.err != nil {
		return User{}, f.err
	}
	u, ok := f.users[id]
	if !ok {
		return User{}, ErrNotFound
	}
	return u, nil
}

func (f *countingUsers) set(u User) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.users[u.ID] = u
}

func (f *countingUsers) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.lookups
}

// clock is a settable time source.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newTestCache(ttl time.Duration) (*UserCache, *countingUsers, *clock) {
	users := &countingUsers{users: map[string]User{"u1": {ID: "u1", Username: "ada"}}}
	clk := &clock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	cache := NewUserCache(users, ttl)
	cache.now = clk.now
	return cache, users, clk
}

func TestUserCacheServesRepeatedLookupsFromMemory(t *testing.T) {
	cache, users, _ := newTestCache(time.Minute)
	ctx := context.Background()

	for range 3 {
		u, err := cache.UserByID(ctx, "u1")
		require.NoError(t, err)
		assert.Equal(t, "ada", u.Username)
	}
	assert.Equal(t, 1, users.count(), "one read for three lookups")
}

func TestUserCacheReadsAgainAfterTTL(t *testing.T) {
	cache, users, clk := newTestCache(time.Minute)
	ctx := context.Background()

	_, err := cache.UserByID(ctx, "u1")
	require.NoError(t, err)
	users.set(User{ID: "u1", Username: "grace"})

	clk.t = clk.t.Add(59 * time.Second)
	u, err := cache.UserByID(ctx, "u1")
	require.NoError(t, err)
	assert.Equal(t, "ada", u.Username, "still cached within the TTL")

	clk.t = clk.t.Add(time.Second)
	u, err = cache.UserByID(ctx, "u1")
	require.NoError(t, err)
	assert.Equal(t, "grace", u.Username, "read again once the TTL has passed")
	assert.Equal(t, 2, users.count())
}

func TestUserCacheForget(t *testing.T) {
	cache, users, _ := newTestCache(time.Minute)
	ctx := context.Background()

	_, err := cache.UserByID(ctx, "u1")
	require.NoError(t, err)
	users.set(User{ID: "u1", Username: "grace"})
	cache.Forget("u1")

	u, err := cache.UserByID(ctx, "u1")
	require.NoError(t, err)
	assert.Equal(t, "grace", u.Username)
}

func TestUserCacheDoesNotCacheMissesOrErrors(t *testing.T) {
	cache, users, _ := newTestCache(time.Minute)
	ctx := context.Background()

	_, err := cache.UserByID(ctx, "u2")
	require.ErrorIs(t, err, ErrNotFound)
	users.set(User{ID: "u2", Username: "lin"})
	u, err := cache.UserByID(ctx, "u2")
	require.NoError(t, err, "a user created after a miss is found")
	assert.Equal(t, "lin", u.Username)

	users.err = errors.New("database is down")
	cache.Forget("u1")
	_, err = cache.UserByID(ctx, "u1")
	require.Error(t, err)
	users.err = nil
	_, err = cache.UserByID(ctx, "u1")
	require.NoError(t, err, "an error is not remembered")
}

func TestUserCacheZeroTTLAlwaysReads(t *testing.T) {
	cache, users, _ := newTestCache(0)
	for range 3 {
		_, err := cache.UserByID(context.Background(), "u1")
		require.NoError(t, err)
	}
	assert.Equal(t, 3, users.count())
}

func TestUserCacheStaysBounded(t *testing.T) {
	cache, users, clk := newTestCache(time.Minute)
	ctx := context.Background()
	for i := range maxCachedUsers + 10 {
		id := fmt.Sprintf("user-%d", i)
		users.set(User{ID: id})
		_, err := cache.UserByID(ctx, id)
		require.NoError(t, err)
		clk.t = clk.t.Add(time.Millisecond)
	}
	cache.mu.Lock()
	defer cache.mu.Unlock()
	assert.LessOrEqual(t, len(cache.entries), maxCachedUsers)
	assert.Contains(t, cache.entries, fmt.Sprintf("user-%d", maxCachedUsers+9), "the newest user is kept")
}
