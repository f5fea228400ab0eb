package email

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"
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

// compose renders msg as an RFC 5322 message with CRLF line endings: a text/plain body, or a
// multipart/alternative one when msg has HTML. Bodies are quoted-printable, so the message is
// 7-bit clean and no line is too long for SMTP, whatever the text holds.
func compose(from, to *mail.Address, msg Message, date time.Time) ([]byte, error) {
	var b bytes.Buffer
	header := func(name, value string) {
		b.WriteString(name + ": " + value + "\r\n")
	}
	header("From", from.String())
	header("To", to.String())
	header("Subject", mime.QEncoding.Encode("utf-8", msg.Subject))
	header("Date", date.Format(time.RFC1123Z))
	header("Message-ID", messageID(from.Address))
	header("MIME-Version", "1.0")

	if msg.HTML == "" {
		header("Content-Type", "text/plain; charset=utf-8")
		header("Content-Transfer-Encoding", "quoted-printable")
		b.WriteString("\r\n")
		if err := writeQuotedPrintable(&b, msg.Text); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	}

	parts := multipart.NewWriter(&b)
	header("Content-Type", mime.FormatMediaType("multipart/alternative",
		map[string]string{"boundary": parts.Boundary()}))
	b.WriteString("\r\n")
	// The preferred alternative comes last.
	for _, part := range []struct{ contentType, body string }{
		{"text/plain; charset=utf-8", msg.Text},
		{"text/html; charset=utf-8", msg.HTML},
	} {
		w, err := parts.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {part.contentType},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return nil, err
		}
		if err := writeQuotedPrintable(w, part.body); err != nil {
			return nil, err
		}
	}
	if err := parts.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeQuotedPrintable writes text to w in the quoted-printable encoding, with CRLF line breaks.
func writeQuotedPrintable(w io.Writer, text string) error {
	qp := quotedprintable.NewWriter(w)
	if _, err := io.WriteString(qp, text); err != nil {
		return err
	}
	return qp.Close()
}

// messageID returns a new, globally unique Message-ID in the domain of the sender's address.
func messageID(from string) string {
	domain := from[strings.LastIndexByte(from, '@')+1:]
	return "<" + rand.Text() + "@" + domain + ">"
}
