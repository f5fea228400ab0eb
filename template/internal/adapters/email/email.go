// Package email sends the application's email through a configurable provider.
package email

import "context"

// Message is one email. Text is required; HTML, when set, is sent as the alternative part.
type Message struct {
	To      string
	Subject string
	Text    string
	HTML    string
}

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, msg Message) error
}
