package sms

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckNumber(t *testing.T) {
	for _, ok := range []string{"+447700900123", "+12025550143", "+4930123456", "+123456789012345"} {
		assert.NoError(t, CheckNumber(ok), ok)
	}
	tests := map[string]string{
		"447700900123":      "does not start with +",
		"":                  "does not start with +",
		"+1234567":          "8 to 15 digits",
		"+1234567890123456": "8 to 15 digits",
		"+0447700900123":    "does not start with 0",
		"+44 7700 900123":   "digits only",
		"+44770090012a":     "digits only",
	}
	for number, want := range tests {
		assert.ErrorContains(t, CheckNumber(number), want, number)
	}
}

func TestMessagesAreCheckedBeforeSending(t *testing.T) {
	var logged bytes.Buffer
	sender := NewLogSender(zerolog.New(&logged))
	assert.ErrorContains(t, sender.Send(t.Context(), Message{To: "07700900123", Text: "hi"}), "does not start with +")
	assert.ErrorContains(t, sender.Send(t.Context(), Message{To: "+447700900123"}), "no text")
	assert.ErrorContains(t, sender.Send(t.Context(), Message{To: "+447700900123", Text: strings.Repeat("x", 671)}),
		"longer than 670")
	assert.Empty(t, logged.String(), "nothing was logged")
}

func TestLogSenderWritesTheNumberAndText(t *testing.T) {
	var logged bytes.Buffer
	sender := NewLogSender(zerolog.New(&logged))
	require.NoError(t, sender.Send(t.Context(), Message{To: "+447700900123", Text: "Your verification code is: 12345678"}))
	assert.Contains(t, logged.String(), `"to":"+447700900123"`)
	assert.Contains(t, logged.String(), `"text":"Your verification code is: 12345678"`)
	assert.Contains(t, logged.String(), "SMS_PROVIDER=log")
}

func TestCodeSenderTextsTheCode(t *testing.T) {
	var sent []Message
	codes := CodeSender{Sender: senderFunc(func(_ context.Context, msg Message) error {
		sent = append(sent, msg)
		return nil
	})}
	require.NoError(t, codes.SendPhoneCode(t.Context(), "+447700900123", "12345678"))
	want := Message{To: "+447700900123", Text: "Your verification code is: 12345678"}
	assert.Equal(t, []Message{want}, sent)
}
