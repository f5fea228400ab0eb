// Package auth signs users in with one-time codes sent by email and provisions their
// accounts on first sign-in.
package auth

import (
	"errors"
	"fmt"
	"time"
)

// User is a registered account.
type User struct {
	ID          string
	Email       string
	Username    string
	DisplayName string
	CreatedAt   time.Time
}

// Name returns how the user is addressed in the interface.
func (u User) Name() string {
	if u.DisplayName != "" {
		return u.DisplayName
	}
	return u.Username
}

var (
	// ErrInvalidEmail is returned for an address that cannot receive a code.
	ErrInvalidEmail = errors.New("enter a valid email address, like name@example.com")
	// ErrInvalidCode is returned for a wrong, expired, used or invalidated code. The cases are
	// deliberately indistinguishable.
	ErrInvalidCode = errors.New("that code is wrong or has expired; check the latest email or request a new code")
	// ErrTooManyCodes is matched (with errors.Is) by a *LimitError.
	ErrTooManyCodes = errors.New("too many sign-in codes requested")
	// ErrNotFound is returned by stores when a record does not exist.
	ErrNotFound = errors.New("not found")
)

// LimitError reports that an address has been sent as many codes as it may receive for now.
type LimitError struct {
	// RetryAfter is how long until the next code may be requested.
	RetryAfter time.Duration
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%v: try again in %v", ErrTooManyCodes, e.RetryAfter.Round(time.Second))
}

// Is makes errors.Is(err, ErrTooManyCodes) true.
func (e *LimitError) Is(target error) bool { return target == ErrTooManyCodes }
