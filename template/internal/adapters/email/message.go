package email

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"
)

// parseAddress parses the address in a From or To header. A line break is rejected before
// anything else: in a header it would let the value add headers of its own.
func parseAddress(header, value string) (*mail.Address, error) {
	if strings.ContainsAny(value, "\r\n") {
		return nil, fmt.Errorf("email: %s %q contains a line break", header, value)
	}
	addr, err := mail.ParseAddress(value)
	if err != nil {
		return nil, fmt.Errorf("email: %s %q: %w", header, value, err)
	}
	return addr, nil
}

// check validates msg and returns its parsed recipient.
func (m Message) check() (*mail.Address, error) {
	to, err := parseAddress("To", m.To)
	if err != nil {
		return nil, err
	}
	if strings.ContainsAny(m.Subject, "\r\n") {
		return nil, fmt.Errorf("email: Subject %q contains a line break", m.Subject)
	}
	if m.Text == "" {
		return nil, errors.New("email: the message has no text")
	}
	return to, nil
}
