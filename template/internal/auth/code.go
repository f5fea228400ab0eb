package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/big"
	"net/mail"
	"strings"
	"time"
)

const (
	// CodeLength is the number of digits in a sign-in code: 10^8 codes carry 26.6 bits of
	// entropy, above the 20 bits that OWASP ASVS asks of out-of-band codes.
	CodeLength = 8
	// CodeTTL is how long a code can be used.
	CodeTTL = 10 * time.Minute
	// MaxAttempts is the number of wrong guesses after which a code is invalidated.
	MaxAttempts = 5
	// maxEmailLength is the longest address SMTP can carry (RFC 5321).
	maxEmailLength = 254
)

// codeSpace is the number of distinct codes: 10^CodeLength.
var codeSpace = big.NewInt(100_000_000)

// Code is a sign-in code as stored: only the HMAC of its digits is kept.
type Code struct {
	ID        string
	Email     string
	Hash      string
	Attempts  int
	CreatedAt time.Time
	ExpiresAt time.Time
	Spent     bool
	// Sent is false while the code is reserved: counted against the limit, not yet sent.
	Sent bool
}

// usable reports whether the code may still be tried at time now.
func (c Code) usable(now time.Time) bool {
	return c.Sent && !c.Spent && c.Attempts < MaxAttempts && now.Before(c.ExpiresAt)
}

func (c Code) issuedAt() time.Time { return c.CreatedAt }

// newCode returns CodeLength uniformly random digits from crypto/rand.
func newCode() (string, error) {
	n, err := rand.Int(rand.Reader, codeSpace)
	if err != nil {
		return "", fmt.Errorf("generate sign-in code: %w", err)
	}
	return fmt.Sprintf("%0*d", CodeLength, n), nil
}

// NormalizeCode removes the spaces and dashes people type or paste into a code. It returns ""
// unless the rest is exactly CodeLength digits.
func NormalizeCode(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '\t':
		default:
			return ""
		}
	}
	if b.Len() != CodeLength {
		return ""
	}
	return b.String()
}

// NormalizeEmail returns the canonical, lower-case form of a bare email address, or
// ErrInvalidEmail. Display names ("Ada <ada@example.com>") and lists are rejected.
func NormalizeEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > maxEmailLength {
		return "", ErrInvalidEmail
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s || addr.Name != "" {
		return "", ErrInvalidEmail
	}
	at := strings.LastIndexByte(s, '@')
	if !strings.Contains(s[at+1:], ".") {
		return "", ErrInvalidEmail
	}
	return strings.ToLower(s), nil
}

// hashCode binds a code to the address it was sent to. The key makes a stolen table useless
// for guessing codes offline.
func hashCode(key []byte, email, code string) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(email))
	mac.Write([]byte{0})
	mac.Write([]byte(code))
	return hex.EncodeToString(mac.Sum(nil))
}

// sameHash compares two hex hashes in constant time.
func sameHash(a, b string) bool {
	return hmac.Equal([]byte(a), []byte(b))
}
