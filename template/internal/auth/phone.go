package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// CodePurpose says what a texted code is for.
type CodePurpose string

// The purposes of texted codes.
const (
	// PurposeConfirm codes prove that a signed-in user holds the number they are adding.
	PurposeConfirm CodePurpose = "confirm"
	// PurposeSignIn codes sign in the user whose confirmed number they were texted to.
	PurposeSignIn CodePurpose = "sign_in"
)

// ErrInvalidPhone is returned for a phone number that is not in international form.
var ErrInvalidPhone = errors.New("enter the number in international form: + and the country code, like +44 7700 900123")

// PhoneCode is a code texted to a phone number, as stored: only the HMAC of its digits is kept.
type PhoneCode struct {
	ID        string
	Phone     string
	Purpose   CodePurpose
	UserID    string
	Hash      string
	Attempts  int
	CreatedAt time.Time
	ExpiresAt time.Time
	Spent     bool
}

// usable reports whether the code may still be tried at time now.
func (c PhoneCode) usable(now time.Time) bool {
	return !c.Spent && c.Attempts < MaxAttempts && now.Before(c.ExpiresAt)
}

func (c PhoneCode) issuedAt() time.Time { return c.CreatedAt }

// PhoneStore is the persistence the PhoneService needs. *DBStore implements it.
type PhoneStore interface {
	UserByID(ctx context.Context, id string) (User, error)
	// UserPhone returns the confirmed number of a user, or ErrNotFound.
	UserPhone(ctx context.Context, userID string) (string, error)
	// PhoneOwner returns the id of the user whose confirmed number phone is, or ErrNotFound.
	PhoneOwner(ctx context.Context, phone string) (string, error)
	// SetUserPhone confirms phone for a user and removes it from any other account.
	SetUserPhone(ctx context.Context, userID, phone string, at time.Time) error
	DeleteUserPhone(ctx context.Context, userID string) (bool, error)
	// ReservePhoneCode stores c, reserved, when allow accepts the limit newest codes of its
	// number, atomically.
	ReservePhoneCode(ctx context.Context, c PhoneCode, limit int, allow func(recent []PhoneCode) error) error
	// MarkPhoneCodeSent makes a reserved code the one to check, spending the earlier ones.
	MarkPhoneCodeSent(ctx context.Context, c PhoneCode, at time.Time) error
	// DeletePhoneCode removes a reserved code that could not be texted.
	DeletePhoneCode(ctx context.Context, id string) error
	// LatestPhoneCode returns the newest code for phone, purpose and user, or ErrNotFound.
	LatestPhoneCode(ctx context.Context, phone string, purpose CodePurpose, userID string) (PhoneCode, error)
	// RecordPhoneCodeAttempt counts a wrong guess against an unspent code and returns the count.
	RecordPhoneCodeAttempt(ctx context.Context, id string) (int, error)
	// SpendPhoneCode marks a code spent; it reports false when the code already was.
	SpendPhoneCode(ctx context.Context, id string, at time.Time) (bool, error)
}

// PhoneCodeSender texts a code to a phone number in E.164 form.
type PhoneCodeSender interface {
	SendPhoneCode(ctx context.Context, to, code string) error
}

// PhoneOptions tunes a PhoneService.
type PhoneOptions struct {
	// Key is the secret that codes are hashed with (SESSION_KEY).
	Key []byte
	// CodesPerHour caps the codes texted to one number in any hour.
	CodesPerHour int
	// Now returns the current time; nil means time.Now. Tests move it.
	Now func() time.Time
}

// PhoneService confirms users' phone numbers and signs them in with codes texted to them.
// Codes follow the rules of emailed ones: CodeLength random digits, valid for CodeTTL, used
// once, invalidated by MaxAttempts wrong guesses or a newer code, and at most CodesPerHour
// of them per number and hour, of any purpose. A code that could not be texted does not count.
type PhoneService struct {
	store  PhoneStore
	sender PhoneCodeSender
	users  *Service
	opts   PhoneOptions
	// pace is how long texting a sign-in code takes, which unknown numbers wait too.
	pace pace
}

// NewPhoneService returns a PhoneService; users signs in the users it finds, as sign-in by
// email does (granting the admin role to ADMIN_EMAILS).
func NewPhoneService(store PhoneStore, sender PhoneCodeSender, users *Service, opts PhoneOptions) *PhoneService {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &PhoneService{store: store, sender: sender, users: users, opts: opts}
}

// Phone returns the confirmed phone number of the user with userID, or "" when there is none.
func (s *PhoneService) Phone(ctx context.Context, userID string) (string, error) {
	phone, err := s.store.UserPhone(ctx, userID)
	if errors.Is(err, ErrNotFound) {
		return "", nil
	}
	return phone, err
}

// RequestConfirmation texts a code to phone that confirms it as the number of the user with
// userID, and returns the number in E.164 form.
func (s *PhoneService) RequestConfirmation(ctx context.Context, userID, phone string) (string, error) {
	phone, err := NormalizePhone(phone)
	if err != nil {
		return "", err
	}
	return phone, s.sendCode(ctx, phone, PurposeConfirm, userID)
}

// Confirm checks code against the newest confirmation code texted to phone for the user with
// userID. A match makes phone the user's number; anything else returns ErrInvalidCode.
func (s *PhoneService) Confirm(ctx context.Context, userID, phone, code string) error {
	phone, err := NormalizePhone(phone)
	if err != nil {
		return ErrInvalidCode
	}
	now := s.opts.Now().UTC()
	if err := s.checkCode(ctx, phone, PurposeConfirm, userID, code, now); err != nil {
		return err
	}
	return s.store.SetUserPhone(ctx, userID, phone, now)
}

// Remove deletes the phone number of the user with userID, so that it no longer signs them in.
func (s *PhoneService) Remove(ctx context.Context, userID string) error {
	_, err := s.store.DeleteUserPhone(ctx, userID)
	return err
}

// RequestSignInCode texts a sign-in code to phone when it is a user's confirmed number, and
// returns the number in E.164 form. An unknown number gets no text but the same answer, as
// late as a text would have made it, so the form tells nobody which numbers have accounts
// (and sends nothing to numbers that never asked).
func (s *PhoneService) RequestSignInCode(ctx context.Context, phone string) (string, error) {
	phone, err := NormalizePhone(phone)
	if err != nil {
		return "", err
	}
	owner, err := s.store.PhoneOwner(ctx, phone)
	if errors.Is(err, ErrNotFound) {
		// As long as a text takes, so that the time of the answer does not tell either.
		s.pace.wait(ctx)
		return phone, nil
	}
	if err != nil {
		return "", fmt.Errorf("find phone number: %w", err)
	}
	start := time.Now()
	err = s.sendCode(ctx, phone, PurposeSignIn, owner)
	s.pace.observe(time.Since(start))
	return phone, err
}

// VerifySignInCode checks code against the newest sign-in code texted to phone and returns
// the user it signs in; anything but a match returns ErrInvalidCode.
func (s *PhoneService) VerifySignInCode(ctx context.Context, phone, code string) (User, error) {
	phone, err := NormalizePhone(phone)
	if err != nil {
		return User{}, ErrInvalidCode
	}
	owner, err := s.store.PhoneOwner(ctx, phone)
	if errors.Is(err, ErrNotFound) {
		return User{}, ErrInvalidCode
	}
	if err != nil {
		return User{}, fmt.Errorf("find phone number: %w", err)
	}
	if err := s.checkCode(ctx, phone, PurposeSignIn, owner, code, s.opts.Now().UTC()); err != nil {
		return User{}, err
	}
	user, err := s.store.UserByID(ctx, owner)
	if err != nil {
		return User{}, fmt.Errorf("load user: %w", err)
	}
	return s.users.signIn(ctx, user.Email)
}

// sendCode reserves a new code for purpose, texts it and, once it is sent, makes it the one
// to check. A text that cannot be sent leaves no trace: it does not count against the limit,
// and the code texted before it stays the one to use.
func (s *PhoneService) sendCode(ctx context.Context, phone string, purpose CodePurpose, userID string) error {
	now := s.opts.Now().UTC()
	code, id, err := newCodeID()
	if err != nil {
		return err
	}
	c := PhoneCode{
		ID:        id,
		Phone:     phone,
		Purpose:   purpose,
		UserID:    userID,
		Hash:      s.hash(phone, purpose, userID, code),
		CreatedAt: now,
		ExpiresAt: now.Add(CodeTTL),
	}
	err = s.store.ReservePhoneCode(ctx, c, s.opts.CodesPerHour, func(recent []PhoneCode) error {
		return sendLimit(recent, s.opts.CodesPerHour, now)
	})
	if err != nil {
		return s.ledger().reserved(err)
	}
	return s.ledger().deliver(ctx, c.ID,
		func() error { return s.sender.SendPhoneCode(ctx, phone, code) },
		func(ctx context.Context) error { return s.store.MarkPhoneCodeSent(ctx, c, now) })
}

// checkCode spends the newest code of phone, purpose and userID when code matches it, and
// otherwise counts a wrong guess and returns ErrInvalidCode.
func (s *PhoneService) checkCode(ctx context.Context, phone string, purpose CodePurpose, userID, code string, now time.Time) error {
	stored, err := s.store.LatestPhoneCode(ctx, phone, purpose, userID)
	if errors.Is(err, ErrNotFound) {
		return ErrInvalidCode
	}
	if err != nil {
		return fmt.Errorf("load phone code: %w", err)
	}
	if !stored.usable(now) {
		return ErrInvalidCode
	}
	code = NormalizeCode(code)
	matches := code != "" && sameHash(s.hash(phone, purpose, userID, code), stored.Hash)
	return s.ledger().check(ctx, stored.ID, matches, now)
}

// ledger is the store of texted codes, for the rules that every code follows.
func (s *PhoneService) ledger() ledger {
	return ledger{
		kind:          "phone code",
		recordAttempt: s.store.RecordPhoneCodeAttempt,
		spend:         s.store.SpendPhoneCode,
		remove:        s.store.DeletePhoneCode,
	}
}

// hash binds a code to the number, purpose and user it was texted for, so that a confirmation
// code cannot sign anyone in, nor one user's code confirm a number for another.
func (s *PhoneService) hash(phone string, purpose CodePurpose, userID, code string) string {
	return hashCode(s.opts.Key, string(purpose)+"\x00"+userID+"\x00"+phone, code)
}

// NormalizePhone returns phone in E.164 form (+ and 8 to 15 digits), or ErrInvalidPhone. It
// accepts the spaces, dashes, dots and parentheses people write numbers with, and 00 for +.
func NormalizePhone(phone string) (string, error) {
	phone = strings.TrimSpace(phone)
	if rest, ok := strings.CutPrefix(phone, "00"); ok {
		phone = "+" + rest
	}
	digits, ok := strings.CutPrefix(phone, "+")
	if !ok {
		return "", ErrInvalidPhone
	}
	var b strings.Builder
	b.WriteByte('+')
	for _, r := range digits {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case strings.ContainsRune(" -.()", r):
		default:
			return "", ErrInvalidPhone
		}
	}
	n := b.Len() - 1
	if n < 8 || n > 15 || b.String()[1] == '0' {
		return "", ErrInvalidPhone
	}
	return b.String(), nil
}
