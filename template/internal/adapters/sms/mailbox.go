package sms

import (
	"context"
	"sync"
	"time"
)

// Sent is a text the Mailbox saw sent.
type Sent struct {
	Message
	SentAt time.Time
}

// Mailbox records the texts sent in development so the app can show them at /dev/mailbox,
// beside the emails. It is safe for concurrent use.
type Mailbox struct {
	next     Sender
	capacity int

	mu   sync.Mutex
	sent []Sent // oldest first
}

// NewMailbox returns a Mailbox that sends through next and keeps the newest capacity texts
// (at least one).
func NewMailbox(next Sender, capacity int) *Mailbox {
	capacity = max(capacity, 1)
	return &Mailbox{next: next, capacity: capacity, sent: make([]Sent, 0, capacity)}
}

// Send forwards msg to the next sender and, once it has been sent, records it.
func (m *Mailbox) Send(ctx context.Context, msg Message) error {
	if err := m.next.Send(ctx, msg); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.sent) == m.capacity {
		copy(m.sent, m.sent[1:])
		m.sent = m.sent[:len(m.sent)-1]
	}
	m.sent = append(m.sent, Sent{Message: msg, SentAt: time.Now()})
	return nil
}

// Messages returns the recorded texts, newest first.
func (m *Mailbox) Messages() []Sent {
	m.mu.Lock()
	defer m.mu.Unlock()
	messages := make([]Sent, len(m.sent))
	for i, sent := range m.sent {
		messages[len(m.sent)-1-i] = sent
	}
	return messages
}
