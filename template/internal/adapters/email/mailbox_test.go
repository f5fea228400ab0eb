package email

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// senderFunc adapts a function to the Sender interface.
type senderFunc func(ctx context.Context, msg Message) error

func (f senderFunc) Send(ctx context.Context, msg Message) error { return f(ctx, msg) }

// numbered returns a message whose subject carries n.
func numbered(n int) Message {
	return Message{To: "ada@example.com", Subject: fmt.Sprintf("message %d", n), Text: "x"}
}

// subjects returns the subjects of sent, in order.
func subjects(sent []Sent) []string {
	out := make([]string, len(sent))
	for i, s := range sent {
		out[i] = s.Subject
	}
	return out
}

func TestMailboxKeepsTheNewestMessagesFirst(t *testing.T) {
	var forwarded []Message
	next := senderFunc(func(_ context.Context, msg Message) error {
		forwarded = append(forwarded, msg)
		return nil
	})
	mailbox := NewMailbox(next, 3)
	assert.Empty(t, mailbox.Messages())

	for n := 1; n <= 5; n++ {
		require.NoError(t, mailbox.Send(t.Context(), numbered(n)))
	}
	assert.Len(t, forwarded, 5, "every message is forwarded")

	messages := mailbox.Messages()
	assert.Equal(t, []string{"message 5", "message 4", "message 3"}, subjects(messages))
	for i := 1; i < len(messages); i++ {
		assert.False(t, messages[i].SentAt.After(messages[i-1].SentAt), "newest first")
	}
	assert.Equal(t, numbered(5), messages[0].Message)

}

func TestMailboxRecordsOnlySentMessages(t *testing.T) {
	failure := errors.New("server down")
	mailbox := NewMailbox(senderFunc(func(context.Context, Message) error { return failure }), 10)

	require.ErrorIs(t, mailbox.Send(t.Context(), numbered(1)), failure)
	assert.Empty(t, mailbox.Messages())
}
