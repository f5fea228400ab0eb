package form

import (
	"encoding/json"
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzParse gives one value to every Parse function. What a Parse function accepts, its Format
// function writes in a form that parses back to the same value (so an edit form shows what is
// stored, and saving it unchanged changes nothing); and what it refuses, it refuses with one of
// the documented problems.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"42", "-0", "1e309", "NaN", "0x1F", "12.50", ".5", "1.", "on", "No", "2026-02-29", "2024-02-29",
		"2026-01-02T15:04", "2026-01-02T15:04:05Z", "2026-01-02T15:04:05+14:00", "123e4567-e89b-12d3-a456-426614174000",
		`{"a": [1, 2]}`, `"text"`, "\xff", "",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, v string) {
		check(t, "ParseString", v, ParseString, FormatString, ErrTooLong)
		check(t, "ParseInt", v, ParseInt, FormatInt, ErrNotInteger)
		check(t, "ParseFloat", v, ParseFloat, FormatFloat, ErrNotNumber)
		check(t, "ParseDecimal", v, ParseDecimal, FormatString, ErrNotDecimal)
		check(t, "ParseBool", v, ParseBool, FormatBool, ErrNotBool)
		check(t, "ParseDate", v, ParseDate, FormatDate, ErrNotDate)
		check(t, "ParseTimestamp", v, ParseTimestamp, FormatTimestamp, ErrNotTimestamp)
		check(t, "ParseUUID", v, ParseUUID, FormatString, ErrNotUUID)
		check(t, "ParseJSON", v, ParseJSON, FormatJSON, ErrNotJSON)
		if s, err := ParseString(v); err == nil && utf8.RuneCountInString(s) > MaxStringLength {
			t.Fatalf("ParseString accepted %d characters", utf8.RuneCountInString(s))
		}
		if doc, err := ParseJSON(v); err == nil && !json.Valid(doc) {
			t.Fatalf("ParseJSON(%q) accepted invalid JSON", v)
		}
	})
}

func check[T any](t *testing.T, name, v string, parse func(string) (T, error), format func(T) string, problem error) {
	t.Helper()
	value, err := parse(v)
	if err != nil {
		if !errors.Is(err, problem) {
			t.Fatalf("%s(%q): %v, not %v", name, v, err, problem)
		}
		return
	}
	shown := format(value)
	if shown == "" {
		return // an empty field is the caller's to read: an unchecked checkbox is false
	}
	again, err := parse(shown)
	if err != nil {
		t.Fatalf("%s(%q) accepted it, but refuses its formatted form %q: %v", name, v, shown, err)
	}
	if format(again) != shown {
		t.Fatalf("%s(%q): formatted %q, which formats again as %q", name, v, shown, format(again))
	}
}
