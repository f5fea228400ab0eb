package sms

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// maxTextLength caps a text at ten SMS segments of Unicode text (67 characters each).
const maxTextLength = 670

// Message is one text message.
type Message struct {
	// To is the recipient's number in E.164 form, such as +447700900123.
	To   string
	Text string
}

// check validates msg the way providers do, so that every sender refuses the same messages.
func (m Message) check() error {
	if err := CheckNumber(m.To); err != nil {
		return err
	}
	if m.Text == "" {
		return errors.New("sms: the message has no text")
	}
	if utf8.RuneCountInString(m.Text) > maxTextLength {
		return fmt.Errorf("sms: the text is longer than %d characters", maxTextLength)
	}
	return nil
}

// CheckNumber returns an error unless number is in E.164 form: + and 8 to 15 digits, the
// first of which is not 0.
func CheckNumber(number string) error {
	digits, ok := strings.CutPrefix(number, "+")
	switch {
	case !ok:
		return fmt.Errorf("sms: number %q does not start with + and the country code", number)
	case len(digits) < 8 || len(digits) > 15:
		return fmt.Errorf("sms: number %q must have 8 to 15 digits after the +", number)
	case digits[0] == '0':
		return fmt.Errorf("sms: number %q: a country code does not start with 0", number)
	}
	for _, r := range digits {
		if r < '0' || r > '9' {
			return fmt.Errorf("sms: number %q must hold digits only after the +", number)
		}
	}
	return nil
}

// CodeSender texts sign-in and confirmation codes through a Sender.
type CodeSender struct {
	Sender Sender
}

// SendPhoneCode texts code to the number to.
func (c CodeSender) SendPhoneCode(ctx context.Context, to, code string) error {
	return c.Sender.Send(ctx, Message{To: to, Text: "Your verification code is: " + code})
}
