package auth

import (
	"context"
	"sync"
	"time"
)

// DefaultUserCacheTTL is how long NewUserCache's cache keeps a user before reading it again.
const DefaultUserCacheTTL = 30 * time.Second

// maxCachedUsers bounds the number of users a UserCache holds.
const maxCachedUsers = 10_000

// UserByIDFinder loads a user by id.
type UserByIDFinder interface {
	UserByID(ctx context.Context, id string) (User, error)
}

// UserCache remembers the users it loads for TTL, so that a signed-in request does not read its
// user from the database every time. The application never changes a user in place, so a cached
// user is current; a change made outside this process (by hand in the database, or by another
// instance) is seen at most TTL later. Code that changes or deletes a user calls Forget.
//
// Misses (ErrNotFound) and errors are not cached.
type UserCache struct {
	users UserByIDFinder
	ttl   time.Duration
	now   func() time.Time

	mu      sync.Mutex
	entries map[string]cachedUser
}

type cachedUser struct {
	user    User
	expires time.Time
}

// NewUserCache returns a UserCache in front of users that keeps each user for ttl; a ttl of zero
// or less turns caching off.
func NewUserCache(users UserByIDFinder, ttl time.Duration) *UserCache {
	return &UserCache{users: users, ttl: ttl, now: time.Now, entries: make(map[string]cachedUser)}
}

// UserByID returns the user with id from the cache, or from the underlying finder when it is not
// cached or has been cached for longer than the TTL.
func (c *UserCache) UserByID(ctx context.Context, id string) (User, error) {
	if c.ttl <= 0 {
		return c.users.UserByID(ctx, id)
	}
	now := c.now()
	c.mu.Lock()
	entry, ok := c.entries[id]
	c.mu.Unlock()
	if ok && now.Before(entry.expires) {
		return entry.user, nil
	}
	user, err := c.users.UserByID(ctx, id)
	if err != nil {
		c.Forget(id)
		return User{}, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= maxCachedUsers {
		for key, old := range c.entries {
			if !now.Before(old.expires) {
				delete(c.entries, key)
			}
		}
		if len(c.entries) >= maxCachedUsers {
			clear(c.entries)
		}
	}
	c.entries[id] = cachedUser{user: user, expires: now.Add(c.ttl)}
	return user, nil
}

// Forget drops the user with id from the cache, so that the next UserByID reads it again.
func (c *UserCache) Forget(id string) {
	c.mu.Lock()
	delete(c.entries, id)
	c.mu.Unlock()
}
