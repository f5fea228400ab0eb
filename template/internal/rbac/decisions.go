package rbac

import "sync"

// maxDecisions bounds the decision cache: at about a hundred bytes a decision, it stays
// within a few megabytes however many users sign in between two policy changes.
const maxDecisions = 50_000

// decisionKey is one authorisation question: may user perform action on resource?
type decisionKey struct {
	user, resource, action string
}

// decisionCache remembers the enforcer's answers. Casbin evaluates its matcher against
// every permission on each call, which costs microseconds; a remembered answer costs a map
// lookup. Casbin's own CachedEnforcer is not used because it forgets nothing when a role is
// granted or revoked.
//
// The policy owner calls reset after every change. A generation counter keeps an answer
// computed from the old policy, but stored after the reset, out of the cache.
type decisionCache struct {
	mu         sync.RWMutex
	generation uint64
	decisions  map[decisionKey]bool
	limit      int
}

// newDecisionCache returns an empty cache that holds up to limit decisions.
func newDecisionCache(limit int) *decisionCache {
	return &decisionCache{decisions: make(map[decisionKey]bool), limit: limit}
}

// get returns the remembered answer for key, or computes, remembers and returns it. An error
// from compute is returned and nothing is remembered, so the next call asks again.
func (c *decisionCache) get(key decisionKey, compute func() (bool, error)) (bool, error) {
	c.mu.RLock()
	allowed, ok := c.decisions[key]
	generation := c.generation
	c.mu.RUnlock()
	if ok {
		return allowed, nil
	}

	allowed, err := compute()
	if err != nil {
		return false, err
	}

	c.mu.Lock()
	defer c.mu.Unlock()
	if c.generation != generation {
		// The policy changed while compute ran: the answer may be stale.
		return allowed, nil
	}
	if len(c.decisions) >= c.limit {
		// Starting over is crude but cheap, and the hot decisions come back at once.
		clear(c.decisions)
	}
	c.decisions[key] = allowed
	return allowed, nil
}

// reset forgets every answer. Call it after the policy has changed.
func (c *decisionCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.generation++
	clear(c.decisions)
}
