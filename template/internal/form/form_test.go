package form

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// parseCase is one value given to a Parse function and what it must return: want, or the zero
// value and err.
type parseCase[T any] struct {
	name string
	in   string
	want T
	err  error
}

func testParse[T any](t *testing.T, parse func(string) (T, error), tests []parseCase[T]) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(tt.in)
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseString(t *testing.T) {
	testParse(t, ParseString, []parseCase[string]{
		{name: "text", in: "Hello, wörld", want: "Hello, wörld"},
		{name: "255 ASCII characters", in: strings.Repeat("a", 255), want: strings.Repeat("a", 255)},
		{name: "256 ASCII characters", in: strings.Repeat("a", 256), err: ErrTooLong},
		{name: "255 two-byte characters", in: strings.Repeat("é", 255), want: strings.Repeat("é", 255)},
		{name: "256 two-byte characters", in: strings.Repeat("é", 256), err: ErrTooLong},
		{name: "255 four-byte characters", in: strings.Repeat("😀", 255), want: strings.Repeat("😀", 255)},
		{name: "256 three-byte characters", in: strings.Repeat("日", 256), err: ErrTooLong},
	})
}

func TestParseInt(t *testing.T) {
	testParse(t, ParseInt, []parseCase[int64]{
		{name: "positive", in: "42", want: 42},
		{name: "negative", in: "-42", want: -42},
		{name: "explicit plus", in: "+7", want: 7},
		{name: "zero", in: "0", want: 0},
		{name: "largest int64", in: "9223372036854775807", want: 9223372036854775807},
		{name: "smallest int64", in: "-9223372036854775808", want: -9223372036854775808},
		{name: "too large", in: "9223372036854775808", err: ErrNotInteger},
		{name: "fraction", in: "1.5", err: ErrNotInteger},
		{name: "exponent", in: "1e3", err: ErrNotInteger},
		{name: "hexadecimal", in: "0x10", err: ErrNotInteger},
		{name: "digit groups", in: "1_000", err: ErrNotInteger},
		{name: "word", in: "abc", err: ErrNotInteger},
		{name: "empty", in: "", err: ErrNotInteger},
	})
}

func TestParseFloat(t *testing.T) {
	testParse(t, ParseFloat, []parseCase[float64]{
		{name: "fraction", in: "3.14", want: 3.14},
		{name: "negative", in: "-0.5", want: -0.5},
		{name: "whole", in: "2", want: 2},
		{name: "exponent", in: "1e3", want: 1000},
		{name: "NaN", in: "NaN", err: ErrNotNumber},
		{name: "lower-case nan", in: "nan", err: ErrNotNumber},
		{name: "infinity", in: "Inf", err: ErrNotNumber},
		{name: "negative infinity", in: "-Inf", err: ErrNotNumber},
		{name: "spelled-out infinity", in: "+Infinity", err: ErrNotNumber},
		{name: "overflow to infinity", in: "1e400", err: ErrNotNumber},
		{name: "decimal comma", in: "1,5", err: ErrNotNumber},
		{name: "word", in: "abc", err: ErrNotNumber},
		{name: "empty", in: "", err: ErrNotNumber},
	})
}

func TestParseDecimal(t *testing.T) {
	testParse(t, ParseDecimal, []parseCase[string]{
		{name: "money", in: "12.50", want: "12.50"},
		{name: "whole", in: "12", want: "12"},
		{name: "negative fraction", in: "-0.5", want: "-0.5"},
		{name: "explicit plus", in: "+3", want: "+3"},
		{name: "trailing point", in: "1.", want: "1."},
		{name: "leading point", in: ".5", want: ".5"},
		{name: "more digits than a float64 holds", in: "12345678901234567890.123456789", want: "12345678901234567890.123456789"},
		{name: "point alone", in: ".", err: ErrNotDecimal},
		{name: "sign alone", in: "-", err: ErrNotDecimal},
		{name: "two points", in: "1.2.3", err: ErrNotDecimal},
		{name: "exponent", in: "1e3", err: ErrNotDecimal},
		{name: "decimal comma", in: "1,5", err: ErrNotDecimal},
		{name: "untrimmed", in: " 1", err: ErrNotDecimal},
		{name: "empty", in: "", err: ErrNotDecimal},
	})
}

func TestParseBool(t *testing.T) {
	testParse(t, ParseBool, []parseCase[bool]{
		{name: "checked checkbox", in: "on", want: true},
		{name: "upper case", in: "ON", want: true},
		{name: "true", in: "True", want: true},
		{name: "1", in: "1", want: true},
		{name: "yes", in: "yes", want: true},
		{name: "off", in: "off", want: false},
		{name: "false", in: "FALSE", want: false},
		{name: "0", in: "0", want: false},
		{name: "no", in: "no", want: false},
		{name: "abbreviation", in: "y", err: ErrNotBool},
		{name: "other number", in: "2", err: ErrNotBool},
		{name: "word", in: "checked", err: ErrNotBool},
		{name: "empty", in: "", err: ErrNotBool},
	})
}

func TestParseDate(t *testing.T) {
	march1 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	testParse(t, ParseDate, []parseCase[time.Time]{
		{name: "date input", in: "2026-03-01", want: march1},
		{name: "leap day", in: "2024-02-29", want: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
		{name: "API date at midnight UTC", in: "2026-03-01T00:00:00Z", want: march1},
		{name: "API date at midnight UTC, as an offset", in: "2026-03-01T01:00:00+01:00", want: march1},
		{name: "time of day", in: "2026-03-01T10:30:00Z", err: ErrNotDate},
		{name: "midnight elsewhere", in: "2026-03-01T00:00:00+01:00", err: ErrNotDate},
		{name: "no such month", in: "2026-13-45", err: ErrNotDate},
		{name: "no such day", in: "2026-02-30", err: ErrNotDate},
		{name: "not a leap year", in: "2026-02-29", err: ErrNotDate},
		{name: "day first", in: "01/03/2026", err: ErrNotDate},
		{name: "empty", in: "", err: ErrNotDate},
	})
}

func TestParseTimestamp(t *testing.T) {
	want := time.Date(2026, 1, 2, 15, 4, 0, 0, time.UTC)
	testParse(t, ParseTimestamp, []parseCase[time.Time]{
		{name: "datetime-local", in: "2026-01-02T15:04", want: want},
		{name: "datetime-local with seconds", in: "2026-01-02T15:04:05", want: want.Add(5 * time.Second)},
		{name: "RFC 3339 in UTC", in: "2026-01-02T15:04:00Z", want: want},
		{name: "RFC 3339 with an offset", in: "2026-01-02T16:34:00+01:30", want: want},
		{name: "RFC 3339 across midnight", in: "2026-01-02T23:04:00-08:00", want: time.Date(2026, 1, 3, 7, 4, 0, 0, time.UTC)},
		{name: "RFC 3339 with fractional seconds", in: "2026-01-02T15:04:00.25Z", want: want.Add(250 * time.Millisecond)},
		{name: "no such date and time", in: "2026-13-45T25:61", err: ErrNotTimestamp},
		{name: "space instead of T", in: "2026-01-02 15:04", err: ErrNotTimestamp},
		{name: "date only", in: "2026-01-02", err: ErrNotTimestamp},
		{name: "empty", in: "", err: ErrNotTimestamp},
	})
}

func TestParseUUID(t *testing.T) {
	const id = "0192d1a0-7c3e-7b4a-9f00-1d2e3f405162"
	testParse(t, ParseUUID, []parseCase[string]{
		{name: "canonical", in: id, want: id},
		{name: "upper case", in: strings.ToUpper(id), want: id},
		{name: "braces", in: "{" + id + "}", want: id},
		{name: "URN", in: "urn:uuid:" + id, want: id},
		{name: "no hyphens", in: strings.ReplaceAll(id, "-", ""), want: id},
		{name: "word", in: "not-a-uuid", err: ErrNotUUID},
		{name: "one digit short", in: id[:len(id)-1], err: ErrNotUUID},
		{name: "not hexadecimal", in: strings.Replace(id, "0", "g", 1), err: ErrNotUUID},
		{name: "empty", in: "", err: ErrNotUUID},
	})
}

func TestParseJSON(t *testing.T) {
	testParse(t, ParseJSON, []parseCase[json.RawMessage]{
		{name: "object", in: `{"a": [1, 2]}`, want: json.RawMessage(`{"a": [1, 2]}`)},
		{name: "array", in: `[1,2]`, want: json.RawMessage(`[1,2]`)},
		{name: "string", in: `"text"`, want: json.RawMessage(`"text"`)},
		{name: "number", in: `42`, want: json.RawMessage(`42`)},
		{name: "null", in: `null`, want: json.RawMessage(`null`)},
		{name: "unquoted key", in: `{not json`, err: ErrNotJSON},
		{name: "single quotes", in: `{'a': 1}`, err: ErrNotJSON},
		{name: "trailing text", in: `{"a": 1}}`, err: ErrNotJSON},
		{name: "bare word", in: `text`, err: ErrNotJSON},
		{name: "empty", in: ``, err: ErrNotJSON},
	})
}

// The messages are shown next to form fields, and the tests of generated resources look for them.
func TestErrorMessages(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{ErrTooLong, "is too long (at most 255 characters)"},
		{ErrNotInteger, "must be a whole number"},
		{ErrNotNumber, "must be a number"},
		{ErrNotDecimal, "must be a decimal number, such as 12.50"},
		{ErrNotBool, "must be true or false"},
		{ErrNotDate, "must be a date (YYYY-MM-DD)"},
		{ErrNotTimestamp, "must be a date and time (YYYY-MM-DDTHH:MM)"},
		{ErrNotUUID, "must be a UUID"},
		{ErrNotJSON, "must be valid JSON"},
	}
	for _, tt := range tests {
		assert.EqualError(t, tt.err, tt.want)
	}
}

func TestFormat(t *testing.T) {
	newYork := time.FixedZone("UTC-5", -5*60*60)
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"string", FormatString("Hello"), "Hello"},
		{"empty string", FormatString(""), ""},
		{"int", FormatInt(-42), "-42"},
		{"largest int64", FormatInt(9223372036854775807), "9223372036854775807"},
		{"float", FormatFloat(3.14), "3.14"},
		{"whole float", FormatFloat(2), "2"},
		{"large float, no exponent", FormatFloat(1e21), "1000000000000000000000"},
		{"small float, no exponent", FormatFloat(-0.000001), "-0.000001"},
		{"true", FormatBool(true), "on"},
		{"false", FormatBool(false), ""},
		{"date", FormatDate(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)), "2026-03-01"},
		{"date in UTC", FormatDate(time.Date(2026, 3, 1, 20, 0, 0, 0, newYork)), "2026-03-02"},
		{"timestamp", FormatTimestamp(time.Date(2026, 1, 2, 15, 4, 0, 0, time.UTC)), "2026-01-02T15:04"},
		{"timestamp to the minute", FormatTimestamp(time.Date(2026, 1, 2, 15, 4, 59, 999, time.UTC)), "2026-01-02T15:04"},
		{"timestamp in UTC", FormatTimestamp(time.Date(2026, 1, 2, 22, 4, 0, 0, newYork)), "2026-01-03T03:04"},
		{"JSON", FormatJSON(json.RawMessage(`{"a": [1, 2]}`)), `{"a": [1, 2]}`},
		{"no JSON", FormatJSON(nil), ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.got, tt.name)
	}
}

func TestFormatOptional(t *testing.T) {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"nil int", FormatOptional(nil, FormatInt), ""},
		{"int", FormatOptional(new(int64(42)), FormatInt), "42"},
		{"zero int", FormatOptional(new(int64(0)), FormatInt), "0"},
		{"nil string", FormatOptional(nil, FormatString), ""},
		{"string", FormatOptional(new("Hello"), FormatString), "Hello"},
		{"nil date", FormatOptional(nil, FormatDate), ""},
		{"date", FormatOptional(&day, FormatDate), "2026-03-01"},
		{"nil JSON", FormatOptional(nil, FormatJSON), ""},
		{"JSON", FormatOptional(new(json.RawMessage(`[1]`)), FormatJSON), "[1]"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.got, tt.name)
	}
}

// through returns a function that parses a value and formats the result, as a form that is
// submitted and shown again does.
func through[T any](parse func(string) (T, error), format func(T) string) func(string) (string, error) {
	return func(v string) (string, error) {
		x, err := parse(v)
		if err != nil {
			return "", err
		}
		return format(x), nil
	}
}

// A value shown again after it was submitted is the value as typed, or its canonical form,
// which then stays the same however often the form is submitted.
func TestRoundTrip(t *testing.T) {
	const id = "0192d1a0-7c3e-7b4a-9f00-1d2e3f405162"
	tests := []struct {
		name    string
		through func(string) (string, error)
		in      string
		want    string
	}{
		{"string", through(ParseString, FormatString), "Hello, wörld", "Hello, wörld"},
		{"longest string", through(ParseString, FormatString), strings.Repeat("é", 255), strings.Repeat("é", 255)},
		{"int", through(ParseInt, FormatInt), "-42", "-42"},
		{"int with a plus", through(ParseInt, FormatInt), "+42", "42"},
		{"int with leading zeros", through(ParseInt, FormatInt), "007", "7"},
		{"float", through(ParseFloat, FormatFloat), "-0.5", "-0.5"},
		{"float with an exponent", through(ParseFloat, FormatFloat), "1e3", "1000"},
		{"float with a trailing zero", through(ParseFloat, FormatFloat), "2.50", "2.5"},
		{"decimal", through(ParseDecimal, FormatString), "12.50", "12.50"},
		{"decimal with a leading point", through(ParseDecimal, FormatString), ".5", ".5"},
		{"checked checkbox", through(ParseBool, FormatBool), "on", "on"},
		{"true", through(ParseBool, FormatBool), "TRUE", "on"},
		{"date", through(ParseDate, FormatDate), "2026-03-01", "2026-03-01"},
		{"API date", through(ParseDate, FormatDate), "2026-03-01T00:00:00Z", "2026-03-01"},
		{"timestamp", through(ParseTimestamp, FormatTimestamp), "2026-01-02T15:04", "2026-01-02T15:04"},
		{"timestamp with seconds", through(ParseTimestamp, FormatTimestamp), "2026-01-02T15:04:05", "2026-01-02T15:04"},
		{"RFC 3339 timestamp", through(ParseTimestamp, FormatTimestamp), "2026-01-02T16:04:00+01:00", "2026-01-02T15:04"},
		{"UUID", through(ParseUUID, FormatString), id, id},
		{"upper-case UUID", through(ParseUUID, FormatString), strings.ToUpper(id), id},
		{"JSON", through(ParseJSON, FormatJSON), `{"a": [1, 2]}`, `{"a": [1, 2]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			shown, err := tt.through(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, shown)
			again, err := tt.through(shown)
			require.NoError(t, err)
			assert.Equal(t, shown, again, "stable once shown")
		})
	}
}

func ExampleFormatOptional() {
	var unset *int64
	fmt.Printf("%q\n", FormatOptional(unset, FormatInt))
	fmt.Printf("%q\n", FormatOptional(new(int64(42)), FormatInt))
	// Output:
	// ""
	// "42"
}
