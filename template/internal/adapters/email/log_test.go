package email

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLogSenderLogsTheMessage(t *testing.T) {
	var buf bytes.Buffer
	sender := NewLogSender(zerolog.New(&buf))

	msg := Message{
		To:      "ada@example.com",
		Subject: "Your sign-in code",
		Text:    "Your code is 123456.\nIt expires in ten minutes.",
		HTML:    "<p>Your code is <b>123456</b>.</p>",
	}
	require.NoError(t, sender.Send(t.Context(), msg))

	var line map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &line), "one JSON line: %q", buf.String())
	assert.Equal(t, "info", line["level"])
	assert.Equal(t, "ada@example.com", line["to"])
	assert.Equal(t, "Your sign-in code", line["subject"])
	assert.Equal(t, msg.Text, line["text"])
	assert.NotContains(t, line, "html")
}

func TestLogSenderRejectsWhatSMTPWould(t *testing.T) {
	var buf bytes.Buffer
	sender := NewLogSender(zerolog.New(&buf))

	err := sender.Send(t.Context(), Message{To: "ada@example.com\r\nBcc: eve@example.com", Text: "x"})
	require.ErrorContains(t, err, "line break")
	require.Error(t, sender.Send(t.Context(), Message{To: "ada@example.com"}), "no text")
	assert.Zero(t, buf.Len(), "nothing is logged")
}
