package email

import (
	"context"

	"github.com/rs/zerolog"
)

// LogSender writes messages to the log instead of sending them, for development.
type LogSender struct {
	log zerolog.Logger
}

// NewLogSender returns a LogSender writing to log.
func NewLogSender(log zerolog.Logger) *LogSender {
	return &LogSender{log: log}
}

// Send logs the recipient, subject and text body of msg at info level. It rejects the messages
// the SMTP sender would reject, so that mistakes show up in development.
func (s *LogSender) Send(_ context.Context, msg Message) error {
	if _, err := msg.check(); err != nil {
		return err
	}
	s.log.Info().
		Str("to", msg.To).
		Str("subject", msg.Subject).
		Str("text", msg.Text).
		Msg("email not sent (EMAIL_PROVIDER=log)")
	return nil
}
