package config

import (
	"errors"
	"fmt"
	"math"
	"net/mail"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The parsers below build the parse functions of the settings table. Each one checks a raw
// value, stores it in dst and returns an error saying what the setting must be; Load puts
// the setting's name in front of it.

// text stores the value as it is.
func text(dst *string) func(string) error {
	return func(raw string) error {
		*dst = raw
		return nil
	}
}

// oneOf accepts one of values, in any case.
func oneOf[T ~string](dst *T, values ...T) func(string) error {
	return func(raw string) error {
		v := T(strings.ToLower(raw))
		if !slices.Contains(values, v) {
			return fmt.Errorf("must be %s, got %q", orList(values), raw)
		}
		*dst = v
		return nil
	}
}

// orList returns "a, b or c".
func orList[T ~string](values []T) string {
	words := make([]string, len(values))
	for i, v := range values {
		words[i] = string(v)
	}
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// integer accepts a whole number from lowest to highest.
func integer(dst *int, lowest, highest int) func(string) error {
	return func(raw string) error {
		n, err := strconv.Atoi(raw)
		switch {
		case err != nil:
			return fmt.Errorf("must be a whole number, got %q", raw)
		case n >= lowest && n <= highest:
			*dst = n
			return nil
		case lowest == 0 && highest == math.MaxInt:
			return fmt.Errorf("must not be negative, got %d", n)
		case lowest == 1 && highest == math.MaxInt:
			return fmt.Errorf("must be positive, got %d", n)
		default:
			return fmt.Errorf("must be between %d and %d, got %d", lowest, highest, n)
		}
	}
}

// boolean accepts true or false (and the other spellings of strconv.ParseBool).
func boolean(dst *bool) func(string) error {
	return func(raw string) error {
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return fmt.Errorf("must be true or false, got %q", raw)
		}
		*dst = b
		return nil
	}
}

// duration accepts a Go duration, zero or negative included.
func duration(dst *time.Duration) func(string) error {
	return func(raw string) error {
		d, err := time.ParseDuration(raw)
		if err != nil {
			return fmt.Errorf("must be a duration such as 30s or 5m, got %q", raw)
		}
		*dst = d
		return nil
	}
}

// positiveDuration accepts a Go duration longer than zero.
func positiveDuration(dst *time.Duration) func(string) error {
	return func(raw string) error {
		var d time.Duration
		if err := duration(&d)(raw); err != nil {
			return err
		}
		if d <= 0 {
			return fmt.Errorf("must be positive, got %s", d)
		}
		*dst = d
		return nil
	}
}

// list accepts a comma-separated list, stored lower-cased and without empty items.
func list(dst *[]string) func(string) error {
	return func(raw string) error {
		for item := range strings.SplitSeq(raw, ",") {
			if item = strings.ToLower(strings.TrimSpace(item)); item != "" {
				*dst = append(*dst, item)
			}
		}
		return nil
	}
}

// prefixes accepts a comma-separated list of CIDR prefixes or single addresses.
func prefixes(dst *[]netip.Prefix) func(string) error {
	return func(raw string) error {
		var bad []string
		for item := range strings.SplitSeq(raw, ",") {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			if prefix, err := netip.ParsePrefix(item); err == nil {
				*dst = append(*dst, prefix.Masked())
			} else if addr, err := netip.ParseAddr(item); err == nil {
				*dst = append(*dst, netip.PrefixFrom(addr, addr.BitLen()))
			} else {
				bad = append(bad, strconv.Quote(item))
			}
		}
		if len(bad) > 0 {
			return fmt.Errorf("must list IP addresses or CIDR ranges such as 10.0.0.0/8, got %s",
				strings.Join(bad, ", "))
		}
		return nil
	}
}

// absoluteURL accepts an absolute http or https URL.
func absoluteURL(dst *string) func(string) error {
	return func(raw string) error {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("must be an absolute http(s) URL such as https://example.com, got %q", raw)
		}
		*dst = raw
		return nil
	}
}

// address accepts an email address, with or without a display name.
func address(dst *string) func(string) error {
	return func(raw string) error {
		if _, err := mail.ParseAddress(raw); err != nil {
			return fmt.Errorf("must be an email address, got %q", raw)
		}
		*dst = raw
		return nil
	}
}

// MinSessionKeyLength is the shortest SESSION_KEY accepted: 32 characters.
const MinSessionKeyLength = 32

// sessionKey accepts a secret of at least MinSessionKeyLength characters.
func sessionKey(dst *string) func(string) error {
	return func(raw string) error {
		if len(raw) < MinSessionKeyLength {
			return fmt.Errorf("must be at least %d characters; generate one with: openssl rand -hex 32",
				MinSessionKeyLength)
		}
		*dst = raw
		return nil
	}
}

// compiledDriver accepts only the database driver compiled into the application: the other
// drivers' code is not in the binary.
func compiledDriver(raw string) error {
	if raw != driver {
		return errors.New("must be " + driver + ", the only driver compiled into this application, " +
			"or unset; got " + strconv.Quote(raw) + " (generate the application again to use another)")
	}
	return nil
}
