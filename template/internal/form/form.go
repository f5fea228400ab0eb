// Package form converts between the text of HTML form fields and the typed values the domain
// stores.
//
// A form sends every value as text. Each Parse function reads one field's value, with the
// surrounding space already trimmed, into its Go type, or returns an error whose message is
// written to be shown next to the field ("must be a whole number"). Whether an empty field is a
// problem is the caller's decision (it may be required, or simply unset), so the Parse functions
// are meant for values that are not empty. Each Format function does the opposite: it returns
// the text a form shows for a value, e.g. to fill in an edit form, in the shape that the
// matching Parse function reads back.
//
// The names pair ParseX with FormatX for the same reason strconv does: they read as what they do
// at the call site (form.ParseInt(v), form.FormatInt(n)), whereas form.Int(v) could as well be a
// lookup of a field in a request's form.
//
// The error messages are exported as sentinel errors, so that a caller can tell them apart with
// errors.Is, for instance to translate them.
package form

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofrs/uuid/v5"
)

// MaxStringLength is the longest value, in characters, that a one-line text field accepts.
const MaxStringLength = 255

// TimestampLayout is the layout of what a datetime-local input sends and shows, read as UTC.
const TimestampLayout = "2006-01-02T15:04"

// The problems a Parse function reports; each message reads after the field's name.
var (
	ErrTooLong      = fmt.Errorf("is too long (at most %d characters)", MaxStringLength)
	ErrNotInteger   = errors.New("must be a whole number")
	ErrNotNumber    = errors.New("must be a number")
	ErrNotDecimal   = errors.New("must be a decimal number, such as 12.50")
	ErrNotBool      = errors.New("must be true or false")
	ErrNotDate      = errors.New("must be a date (YYYY-MM-DD)")
	ErrNotTimestamp = errors.New("must be a date and time (YYYY-MM-DDTHH:MM)")
	ErrNotUUID      = errors.New("must be a UUID")
	ErrNotJSON      = errors.New("must be valid JSON")
)

// timestampLayouts are the forms a date and time may take: what a datetime-local input sends,
// with or without seconds, and RFC 3339 as the JSON API writes it.
var timestampLayouts = [...]string{TimestampLayout, "2006-01-02T15:04:05", time.RFC3339}

// decimalPattern matches a plain decimal number such as 12.50, -0.5, 1. or .5.
var decimalPattern = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)$`)

// ParseString returns v if it is at most MaxStringLength characters long.
func ParseString(v string) (string, error) {
	if utf8.RuneCountInString(v) > MaxStringLength {
		return "", ErrTooLong
	}
	return v, nil
}

// ParseInt reads a whole number in base 10 that fits in an int64.
func ParseInt(v string) (int64, error) {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, ErrNotInteger
	}
	return n, nil
}

// ParseFloat reads a finite floating-point number: NaN and infinities are rejected, because
// no form or database column should hold them.
func ParseFloat(v string) (float64, error) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, ErrNotNumber
	}
	return f, nil
}

// ParseDecimal checks that v is a plain decimal number, such as 12.50, and returns it unchanged:
// a decimal stays text, so that no digit is lost to floating point.
func ParseDecimal(v string) (string, error) {
	if !decimalPattern.MatchString(v) {
		return "", ErrNotDecimal
	}
	return v, nil
}

// ParseBool reads what a checked checkbox sends ("on") as true, and the usual spellings of true
// and false ("true", "1", "yes"; "off", "false", "0", "no") in any case. An unchecked checkbox
// sends nothing at all, which the caller reads as false.
func ParseBool(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "on", "true", "1", "yes":
		return true, nil
	case "off", "false", "0", "no":
		return false, nil
	}
	return false, ErrNotBool
}

// ParseDate reads what a date input sends (YYYY-MM-DD), or a date as the JSON API writes it
// (RFC 3339 at midnight UTC), as midnight UTC.
func ParseDate(v string) (time.Time, error) {
	if d, err := time.Parse(time.DateOnly, v); err == nil {
		return d, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil && t.Equal(t.Truncate(24*time.Hour)) {
		return t.UTC(), nil
	}
	return time.Time{}, ErrNotDate
}

// ParseTimestamp reads what a datetime-local input sends, with or without seconds, as UTC, or
// an RFC 3339 date and time in any offset, converted to UTC.
func ParseTimestamp(v string) (time.Time, error) {
	for _, layout := range timestampLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, ErrNotTimestamp
}

// ParseUUID reads a UUID in any of the forms gofrs/uuid accepts and returns its canonical
// form: lower case, with hyphens.
func ParseUUID(v string) (string, error) {
	id, err := uuid.FromString(v)
	if err != nil {
		return "", ErrNotUUID
	}
	return id.String(), nil
}

// ParseJSON checks that v is a valid JSON document and returns it unchanged.
func ParseJSON(v string) (json.RawMessage, error) {
	if !json.Valid([]byte(v)) {
		return nil, ErrNotJSON
	}
	return json.RawMessage(v), nil
}

// FormatString returns s: the text a form shows for a string is the string itself. It exists so
// that FormatOptional formats an optional string like any other optional value.
func FormatString(s string) string { return s }

// FormatInt formats n in base 10.
func FormatInt(n int64) string { return strconv.FormatInt(n, 10) }

// FormatFloat formats f with as few digits as read back the same number, and no exponent.
func FormatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// FormatBool returns "on" for true, which checks a checkbox, and "" for false.
func FormatBool(b bool) string {
	if b {
		return "on"
	}
	return ""
}

// FormatDate formats t's date in UTC as a date input shows it (YYYY-MM-DD).
func FormatDate(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// FormatTimestamp formats t in UTC, to the minute, as a datetime-local input shows it.
func FormatTimestamp(t time.Time) string { return t.UTC().Format(TimestampLayout) }

// FormatJSON returns the JSON document as text.
func FormatJSON(m json.RawMessage) string { return string(m) }

// FormatOptional formats *v with format, or returns "" when v is nil, so that an unset value
// shows as an empty field.
func FormatOptional[T any](v *T, format func(T) string) string {
	if v == nil {
		return ""
	}
	return format(*v)
}
