package auth

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// The parsers of what a visitor types, fuzzed: `make fuzz` runs each for a while; `go test` runs
// the seeds and any crasher kept in testdata/fuzz.

func FuzzNormalizeEmail(f *testing.F) {
	for _, seed := range []string{
		"ada@example.com", "  Ada@Example.COM ", "Ada <ada@example.com>", "ada@localhost",
		`"ada lovelace"@example.com`, "ada@example.com, eve@example.com", "ada@example.com\r\nBcc: eve@example.com",
		"ａda@example.com", "ada@exa\u0307mple.com", strings.Repeat("a", 300) + "@example.com", "@example.com", "ada@",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := NormalizeEmail(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidEmail) {
				t.Fatalf("NormalizeEmail(%q): %v is not ErrInvalidEmail", s, err)
			}
			return
		}
		if len(got) > maxEmailLength || !strings.Contains(got, "@") {
			t.Fatalf("NormalizeEmail(%q) = %q", s, got)
		}
		if strings.ContainsFunc(got, unicode.IsControl) || strings.ContainsAny(got, ",<>") {
			t.Fatalf("NormalizeEmail(%q) = %q: a header could be injected", s, got)
		}
		if again, err := NormalizeEmail(got); err != nil || again != got {
			t.Fatalf("NormalizeEmail(%q) = %q, which normalises to %q, %v", s, got, again, err)
		}
	})
}

var e164 = regexp.MustCompile(`^\+[1-9][0-9]{7,14}$`)

func FuzzNormalizePhone(f *testing.F) {
	for _, seed := range []string{
		"+44 7700 900123", "0044 (7700) 900-123", "+1.202.555.0143", "+0123456789", "447700900123",
		"+44 7700 900123 ext 4", "+４４7700900123", "+" + strings.Repeat("9", 20), "",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := NormalizePhone(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidPhone) {
				t.Fatalf("NormalizePhone(%q): %v is not ErrInvalidPhone", s, err)
			}
			return
		}
		if !e164.MatchString(got) {
			t.Fatalf("NormalizePhone(%q) = %q, not E.164", s, got)
		}
		if again, err := NormalizePhone(got); err != nil || again != got {
			t.Fatalf("NormalizePhone(%q) = %q, which normalises to %q, %v", s, got, again, err)
		}
	})
}

func FuzzNormalizeCode(f *testing.F) {
	for _, seed := range []string{"12345678", "1234 5678", "1234-5678", "1234567", "123456789", "１２３４５６７８", "12a45678"} {
		f.Add(seed)
	}
	digits := regexp.MustCompile(`^[0-9]+$`)
	f.Fuzz(func(t *testing.T, s string) {
		got := NormalizeCode(s)
		if got != "" && (len(got) != CodeLength || !digits.MatchString(got)) {
			t.Fatalf("NormalizeCode(%q) = %q", s, got)
		}
	})
}
