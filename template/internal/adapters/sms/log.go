package sms

import (
	"context"

	"github.com/rs/zerolog"
)

// LogSender writes texts to the log instead of sending them, for development.
type LogSender struct {
	log zerolog.Logger
}

// NewLogSender returns a LogSender writing to log.
func NewLogSender(log zerolog.Logger) *LogSender {
	return &LogSender{log: log}
}

// Send logs the number and text of msg at info level. It rejects the messages a provider
// would reject, so that mistakes show up in development.
func (s *LogSender) Send(_ context.Context, msg Message) error {
	if err := msg.check(); err != nil {
		return err
	}
	s.log.Info().Str("to", msg.To).Str("text", msg.Text).Msg("text message not sent (SMS_PROVIDER=log)")
	return nil
}
