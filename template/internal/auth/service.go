package auth

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/gofrs/uuid/v5"
	"github.com/rs/zerolog"
)

// Store is the persistence the Service needs. *DBStore implements it.
type Store interface {
	// ReserveCode stores c, not yet sent, when allow accepts the newest codes of its address
	// (at most limit, newest first); the check and the insert are atomic.
	ReserveCode(ctx context.Context, c Code, limit int, allow func(recent []Code) error) error
	// MarkCodeSent makes a reserved code the one sign-ins check, and spends those sent before it.
	MarkCodeSent(ctx context.Context, c Code, at time.Time) error
	// DeleteCode removes a reserved code.
	DeleteCode(ctx context.Context, id string) error
	// LatestCode returns the newest code sent to email, or ErrNotFound.
	LatestCode(ctx context.Context, email string) (Code, error)
	// RecordAttempt counts a wrong guess against an unspent code and returns the new count.
	RecordAttempt(ctx context.Context, id string) (int, error)
	// SpendCode marks a code spent; it reports false when the code already was.
	SpendCode(ctx context.Context, id string, at time.Time) (bool, error)
	UserByEmail(ctx context.Context, email string) (User, error)
	UsernameExists(ctx context.Context, username string) (bool, error)
	// CreateUser stores u, whose ID, Email and Username are set, and returns the stored user.
	CreateUser(ctx context.Context, u User) (User, error)
}

// CodeSender delivers a sign-in code to an email address.
type CodeSender interface {
	SendCode(ctx context.Context, to, code string, ttl time.Duration) error
}

// RoleGranter gives users roles. *rbac.Authorizer implements it.
type RoleGranter interface {
	GrantRole(ctx context.Context, userID, role, performedBy, reason string) error
}

// Roles the Service grants.
const (
	roleUser  = "user"
	roleAdmin = "admin"
	// grantedBy names the Service in the permission audit log.
	grantedBy = "system"
)

// Options tunes a Service.
type Options struct {
	// Key is the secret that sign-in codes are hashed with (SESSION_KEY).
	Key []byte
	// CodesPerHour caps the codes sent to one address in any hour.
	CodesPerHour int
	// AdminEmails are granted the admin role when they sign in.
	AdminEmails []string
	// Now returns the current time; nil means time.Now. Tests move it.
	Now func() time.Time
}

// Service sends sign-in codes and verifies them.
type Service struct {
	store  Store
	sender CodeSender
	roles  RoleGranter
	opts   Options
}

// NewService returns a Service. Admin emails are matched case-insensitively.
func NewService(store Store, sender CodeSender, roles RoleGranter, opts Options) *Service {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	admins := make([]string, 0, len(opts.AdminEmails))
	for _, e := range opts.AdminEmails {
		if n, err := NormalizeEmail(e); err == nil {
			admins = append(admins, n)
		}
	}
	opts.AdminEmails = admins
	return &Service{store: store, sender: sender, roles: roles, opts: opts}
}

// RequestCode sends a new sign-in code to email, which then replaces the earlier ones. It
// behaves the same whether or not the address belongs to a user, so it reveals nothing about
// who has an account: the account is created when the code is used.
func (s *Service) RequestCode(ctx context.Context, email string) error {
	email, err := NormalizeEmail(email)
	if err != nil {
		return err
	}
	now := s.opts.Now().UTC()
	code, id, err := newCodeID()
	if err != nil {
		return err
	}
	c := Code{
		ID:        id,
		Email:     email,
		Hash:      hashCode(s.opts.Key, email, code),
		CreatedAt: now,
		ExpiresAt: now.Add(CodeTTL),
	}
	err = s.store.ReserveCode(ctx, c, s.opts.CodesPerHour, func(recent []Code) error {
		return sendLimit(recent, s.opts.CodesPerHour, now)
	})
	if err != nil {
		return s.ledger().reserved(err)
	}
	return s.ledger().deliver(ctx, c.ID,
		func() error { return s.sender.SendCode(ctx, email, code, CodeTTL) },
		func(ctx context.Context) error { return s.store.MarkCodeSent(ctx, c, now) })
}

// VerifyCode checks code against the newest code sent to email. A match spends the code and
// returns the user, creating the account on first sign-in; anything else returns
// ErrInvalidCode. Every wrong guess counts, and MaxAttempts of them invalidate the code.
func (s *Service) VerifyCode(ctx context.Context, email, code string) (User, error) {
	email, err := NormalizeEmail(email)
	if err != nil {
		return User{}, ErrInvalidCode
	}
	now := s.opts.Now().UTC()
	stored, err := s.store.LatestCode(ctx, email)
	if errors.Is(err, ErrNotFound) {
		return User{}, ErrInvalidCode
	}
	if err != nil {
		return User{}, fmt.Errorf("load sign-in code: %w", err)
	}
	if !stored.usable(now) {
		return User{}, ErrInvalidCode
	}

	code = NormalizeCode(code)
	matches := code != "" && sameHash(hashCode(s.opts.Key, email, code), stored.Hash)
	if err := s.ledger().check(ctx, stored.ID, matches, now); err != nil {
		return User{}, err
	}
	return s.signIn(ctx, email)
}

// ledger is the store of emailed codes, for the rules that every code follows.
func (s *Service) ledger() ledger {
	return ledger{
		kind:          "sign-in code",
		recordAttempt: s.store.RecordAttempt,
		spend:         s.store.SpendCode,
		remove:        s.store.DeleteCode,
	}
}

// signIn returns the user registered with email, creating it (with role user) on first
// sign-in, and grants admin to the configured admin emails. A failed grant is logged and
// does not stop the sign-in.
func (s *Service) signIn(ctx context.Context, email string) (User, error) {
	user, err := s.store.UserByEmail(ctx, email)
	if errors.Is(err, ErrNotFound) {
		user, err = s.createUser(ctx, email)
	}
	if err != nil {
		return User{}, err
	}
	if slices.Contains(s.opts.AdminEmails, email) {
		s.grant(ctx, user, roleAdmin, "listed in ADMIN_EMAILS")
	}
	return user, nil
}

func (s *Service) createUser(ctx context.Context, email string) (User, error) {
	username, err := uniqueUsername(ctx, s.store.UsernameExists, baseUsername(email))
	if err != nil {
		return User{}, err
	}
	id, err := uuid.NewV7()
	if err != nil {
		return User{}, fmt.Errorf("generate user id: %w", err)
	}
	user, err := s.store.CreateUser(ctx, User{ID: id.String(), Email: email, Username: username})
	if err != nil {
		// Two first sign-ins raced: the other one created the account.
		if existing, findErr := s.store.UserByEmail(ctx, email); findErr == nil {
			return existing, nil
		}
		return User{}, fmt.Errorf("create user: %w", err)
	}
	zerolog.Ctx(ctx).Info().Str("user_id", user.ID).Msg("user signed up")
	s.grant(ctx, user, roleUser, "first sign-in")
	return user, nil
}

func (s *Service) grant(ctx context.Context, u User, role, reason string) {
	if err := s.roles.GrantRole(ctx, u.ID, role, grantedBy, reason); err != nil {
		zerolog.Ctx(ctx).Error().Err(err).Str("user_id", u.ID).Str("role", role).Msg("grant role")
	}
}
