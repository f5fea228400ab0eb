// Package recent keeps the newest few values of a kind, such as the emails and text messages
// that the development mailbox (/dev/mailbox) shows.
package recent

import "sync"

// List holds the newest values it was given, up to its capacity; adding to a full list drops
// its oldest value. It is safe for concurrent use.
type List[T any] struct {
	capacity int

	mu     sync.Mutex
	values []T // oldest first
}

// New returns an empty List that keeps the newest capacity values (at least one).
func New[T any](capacity int) *List[T] {
	capacity = max(capacity, 1)
	return &List[T]{capacity: capacity, values: make([]T, 0, capacity)}
}

// Add appends v, dropping the oldest value when the list is full.
func (l *List[T]) Add(v T) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.values) == l.capacity {
		copy(l.values, l.values[1:])
		l.values = l.values[:len(l.values)-1]
	}
	l.values = append(l.values, v)
}

// Newest returns a copy of the values, newest first.
func (l *List[T]) Newest() []T {
	l.mu.Lock()
	defer l.mu.Unlock()
	newest := make([]T, len(l.values))
	for i, v := range l.values {
		newest[len(l.values)-1-i] = v
	}
	return newest
}
