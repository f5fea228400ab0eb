package auth

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/gofrs/uuid/v5"
	"github.com/rs/zerolog"
)

// ledger is how the rules that every code follows, emailed or texted, reach the store of one
// kind of code. The Service and the PhoneService each build one from their store's methods.
type ledger struct {
	// kind names the codes in errors and logs: "sign-in code", "phone code".
	kind          string
	recordAttempt func(ctx context.Context, id string) (int, error)
	spend         func(ctx context.Context, id string, at time.Time) (bool, error)
	remove        func(ctx context.Context, id string) error
}

// issued is a stored code, of any kind, as the send limit sees it.
type issued interface {
	issuedAt() time.Time
}

// sendLimit returns a *LimitError when recent, the newest codes of an address or number
// (newest first, at most perHour), holds perHour codes created within the hour before now.
func sendLimit[C issued](recent []C, perHour int, now time.Time) error {
	if len(recent) == 0 || len(recent) < perHour {
		return nil
	}
	// The oldest of the last perHour codes decides when the next one may be sent.
	freeAt := recent[len(recent)-1].issuedAt().Add(time.Hour)
	if !now.Before(freeAt) {
		return nil
	}
	return &LimitError{RetryAfter: freeAt.Sub(now)}
}

// newCodeID returns the digits of a new code and the id to store it under.
func newCodeID() (code, id string, err error) {
	code, err = newCode()
	if err != nil {
		return "", "", err
	}
	uid, err := uuid.NewV7()
	if err != nil {
		return "", "", fmt.Errorf("generate code id: %w", err)
	}
	return code, uid.String(), nil
}

// reserved passes on the error of reserving a code: a *LimitError as it is, any other as a
// failure to store the code.
func (l ledger) reserved(err error) error {
	if _, limited := errors.AsType[*LimitError](err); limited || err == nil {
		return err
	}
	return fmt.Errorf("store %s: %w", l.kind, err)
}

// deliver sends a reserved code with send and, once it is sent, makes it the one to check
// with markSent. A code that cannot be sent leaves no trace: it is removed, so that it does
// not count against the limit and the code sent before it stays the one to use.
func (l ledger) deliver(ctx context.Context, id string, send func() error, markSent func(context.Context) error) error {
	if err := send(); err != nil {
		if delErr := l.remove(context.WithoutCancel(ctx), id); delErr != nil {
			zerolog.Ctx(ctx).Error().Err(delErr).Msgf("delete the %s that was not sent", l.kind)
		}
		return fmt.Errorf("%w: %w", ErrCodeNotSent, err)
	}
	if err := markSent(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("record the sent %s: %w", l.kind, err)
	}
	return nil
}

// check settles a guess at the stored code with id: a match spends the code; anything else
// returns ErrInvalidCode, after counting the wrong guess (MaxAttempts of them spend it).
func (l ledger) check(ctx context.Context, id string, matches bool, now time.Time) error {
	if !matches {
		attempts, err := l.recordAttempt(ctx, id)
		switch {
		case errors.Is(err, ErrNotFound): // spent meanwhile
		case err != nil:
			return fmt.Errorf("count wrong guess: %w", err)
		case attempts >= MaxAttempts:
			if _, err := l.spend(ctx, id, now); err != nil {
				return fmt.Errorf("invalidate %s: %w", l.kind, err)
			}
		}
		return ErrInvalidCode
	}
	spent, err := l.spend(ctx, id, now)
	if err != nil {
		return fmt.Errorf("spend %s: %w", l.kind, err)
	}
	if !spent { // a concurrent request used it first
		return ErrInvalidCode
	}
	return nil
}

// pace tracks how long sending a code takes (a moving average), so that an answer that sends
// nothing can take as long as one that sends. It is safe for concurrent use; the zero value
// has seen no send and waits for none.
type pace struct {
	mu      sync.Mutex
	typical time.Duration
}

// observe adds the duration of one send to the average, weighing the newest an eighth.
func (p *pace) observe(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.typical == 0 {
		p.typical = d
		return
	}
	p.typical += (d - p.typical) / 8
}

// wait blocks for the typical send's duration, or until ctx is done.
func (p *pace) wait(ctx context.Context) {
	p.mu.Lock()
	d := p.typical
	p.mu.Unlock()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-ctx.Done():
	}
}
