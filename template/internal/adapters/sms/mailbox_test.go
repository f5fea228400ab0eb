package sms

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

func TestMailboxKeepsTheNewestTextsFirst(t *testing.T) {
	forwarded := 0
	mailbox := NewMailbox(senderFunc(func(context.Context, Message) error {
		forwarded++
		return nil
	}), 2)
	assert.Empty(t, mailbox.Messages())
	for n := 1; n <= 3; n++ {
		require.NoError(t, mailbox.Send(t.Context(), Message{To: "+447700900123", Text: fmt.Sprint(n)}))
	}
	assert.Equal(t, 3, forwarded)
	messages := mailbox.Messages()
	require.Len(t, messages, 2)
	assert.Equal(t, "3", messages[0].Text)
	assert.Equal(t, "2", messages[1].Text)
}

func TestMailboxRecordsOnlySentTexts(t *testing.T) {
	failure := errors.New("provider down")
	mailbox := NewMailbox(senderFunc(func(context.Context, Message) error { return failure }), 10)
	require.ErrorIs(t, mailbox.Send(t.Context(), Message{To: "+447700900123", Text: "x"}), failure)
	assert.Empty(t, mailbox.Messages())
}
