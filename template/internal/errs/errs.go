// Package errs names the kinds of failure that the application answers in a known way. Domain
// packages wrap them (fmt.Errorf("get post %q: %w", slug, errs.NotFound)) or return the typed
// errors below, which match their kind with errors.Is; the HTTP layer turns each kind into one
// status in one place (handlers.Error). An error of no kind is unexpected: it is logged and
// answered with 500.
package errs

import (
	"errors"
	"maps"
	"slices"
	"strings"
)

// Kind is a kind of failure. Each kind is itself an error, so that errors.Is(err, errs.NotFound)
// tells whether err is of that kind however deeply it is wrapped.
type Kind string

func (k Kind) Error() string { return string(k) }

// The kinds of failure.
const (
	// NotFound: the record asked for does not exist.
	NotFound Kind = "not found"
	// Invalid: what was submitted is not acceptable; a *ValidationError says why, field by field.
	Invalid Kind = "invalid"
	// Conflict: the change clashes with what is stored, such as a unique value already taken.
	Conflict Kind = "conflict"
	// Reference: the change refers to a record that does not exist.
	Reference Kind = "reference to a missing record"
	// Forbidden: the user may not do this.
	Forbidden Kind = "forbidden"
	// Unavailable: a dependency cannot serve the request for now; trying later may work.
	Unavailable Kind = "unavailable"
)

// kinds lists every kind, for KindOf.
var kinds = [...]Kind{NotFound, Invalid, Conflict, Reference, Forbidden, Unavailable}

// KindOf returns the kind of err, or "" when err is nil or of no kind.
func KindOf(err error) Kind {
	for _, k := range kinds {
		if errors.Is(err, k) {
			return k
		}
	}
	return ""
}

// Fields maps the JSON name of a field to what is wrong with its value: a message key (package
// i18n) whose message a form shows next to the field ("is required"), such as Required or the
// text of a form.Parse error. Text that is no key is shown as it is.
type Fields map[string]string

// The problems of a field that the domain reports, as message keys.
const (
	// Required: the field is empty.
	Required = "problems.required"
	// Taken: another record already has this value.
	Taken = "problems.taken"
	// Missing: the record the field refers to does not exist.
	Missing = "problems.missing"
	// MaybeMissing: one of the records the fields refer to does not exist (SQLite does not say
	// which).
	MaybeMissing = "problems.maybe_missing"
	// UnknownField: there is no field of this name.
	UnknownField = "problems.unknown_field"
	// NotScalar: a JSON field is an object or array where text, a number or a boolean is due.
	NotScalar = "problems.not_scalar"
)

// ValidationError reports submitted values that are not acceptable, field by field. It is of
// kind Invalid.
type ValidationError struct {
	// What names the thing submitted, such as "post".
	What   string
	Fields Fields
}

func (e *ValidationError) Error() string {
	problems := make([]string, 0, len(e.Fields))
	for _, name := range slices.Sorted(maps.Keys(e.Fields)) {
		problems = append(problems, name+" "+e.Fields[name])
	}
	return "invalid " + e.What + ": " + strings.Join(problems, "; ")
}

// Is makes errors.Is(err, Invalid) true.
func (e *ValidationError) Is(target error) bool { return target == Invalid }

// AsValidation returns the *ValidationError in err's chain, if there is one.
func AsValidation(err error) (*ValidationError, bool) {
	var invalid *ValidationError
	ok := errors.As(err, &invalid)
	return invalid, ok
}

// FieldError is a store's complaint about one field: a unique value already taken (kind
// Conflict), or a reference to a record that does not exist (kind Reference). Field is the
// column, or empty when the database does not say which one it was.
type FieldError struct {
	Kind  Kind
	Field string
	// Err is the database's own error.
	Err error
}

func (e *FieldError) Error() string {
	if e.Field == "" {
		return string(e.Kind) + ": " + e.Err.Error()
	}
	return string(e.Kind) + " on " + e.Field + ": " + e.Err.Error()
}

// Is makes errors.Is(err, e.Kind) true.
func (e *FieldError) Is(target error) bool { return target == e.Kind }

func (e *FieldError) Unwrap() error { return e.Err }

// AsField returns the *FieldError of kind in err's chain, if there is one.
func AsField(err error, kind Kind) (*FieldError, bool) {
	var fe *FieldError
	if errors.As(err, &fe) && fe.Kind == kind {
		return fe, true
	}
	return nil, false
}
