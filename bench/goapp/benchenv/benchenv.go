// Package benchenv prepares what the benchmarks of the Tracks template share: the configuration
// the app runs with, a seeded database and signed-in sessions. It is copied into a generated app
// (default answers plus `make resource name=note fields="title:string:required body:text"`) by
// the template repository's bench/run.py, so it compiles against that app's packages.
package benchenv

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/rs/zerolog"

	"example.com/myapp/internal/app"
	"example.com/myapp/internal/config"
	"example.com/myapp/internal/db"
	"example.com/myapp/internal/notes"
	"example.com/myapp/internal/session"
)

// Seeded data: Notes notes, owned in turn by the two users, so that a signed-in page shows the
// Edit and Delete links on some rows only.
const (
	Notes      = 50
	UserEmail  = "bench@example.com"
	OtherEmail = "other@example.com"
)

// SessionKey is the SESSION_KEY of every benchmark run (the sessions live in the database, so
// servers started with another key would still accept them).
const SessionKey = "bench-session-key-0123456789abcdef0123456789abcdef"

// Env returns the environment a benchmarked app runs with: production settings on the database
// at dbURL, with a rate limit high enough never to refuse the load generator (the limiter still
// runs on every request). The loopback benchmark starts the built server with it (benchtool env).
func Env(dbURL string, production bool) map[string]string {
	env := map[string]string{
		"APP_ENV":             "production",
		"BASE_URL":            "http://127.0.0.1:8080",
		"DATABASE_URL":        dbURL,
		"SESSION_KEY":         SessionKey,
		"EMAIL_PROVIDER":      "smtp",
		"LOG_LEVEL":           "info",
		"LOG_FORMAT":          "json",
		"RATE_LIMIT_REQUESTS": "1000000000",
		"RATE_LIMIT_WINDOW":   "1m",
	}
	if !production {
		env["APP_ENV"] = "development"
		env["EMAIL_PROVIDER"] = "log"
	}
	return env
}

// Config returns the configuration that Env describes.
func Config(dbURL string, production bool) (*config.Config, error) {
	env := Env(dbURL, production)
	return config.Load(func(key string) string { return env[key] }, "")
}

// Open returns the configuration of Config(dbURL, production) and the database it names. The
// caller closes the database.
func Open(ctx context.Context, dbURL string, production bool) (*config.Config, *db.DB, error) {
	cfg, err := Config(dbURL, production)
	if err != nil {
		return nil, nil, err
	}
	database, err := db.Open(ctx, cfg.Database)
	if err != nil {
		return nil, nil, err
	}
	return cfg, database, nil
}

var codePattern = regexp.MustCompile(`\b\d{8}\b`)

// Seed migrates the database at dbURL and fills it: two users signed up through the app's own
// email-code flow (so they hold the default role), and Notes notes.
func Seed(ctx context.Context, dbURL string) error {
	cfg, database, err := Open(ctx, dbURL, false)
	if err != nil {
		return err
	}
	defer database.Close()
	if err := database.Migrate(ctx); err != nil {
		return err
	}
	application, err := app.New(ctx, cfg, zerolog.New(io.Discard), database)
	if err != nil {
		return err
	}
	owners := make([]string, 0, 2)
	for _, email := range []string{UserEmail, OtherEmail} {
		if err := application.Auth.RequestCode(ctx, email); err != nil {
			return fmt.Errorf("request code: %w", err)
		}
		code := ""
		for _, m := range application.Mailbox.Messages() {
			if m.To == email {
				code = codePattern.FindString(m.Text)
			}
		}
		if code == "" {
			return fmt.Errorf("no sign-in code for %s in the mailbox", email)
		}
		user, err := application.Auth.VerifyCode(ctx, email, code)
		if err != nil {
			return fmt.Errorf("verify code: %w", err)
		}
		owners = append(owners, user.ID)
	}
	svc := notes.NewService(notes.NewStore(database))
	for i := range Notes {
		in := notes.Input{
			Title: fmt.Sprintf("Benchmark note %02d <&> \"quoted\"", i+1),
			Body:  strings.Repeat("Some body text. ", 20),
		}
		if _, err := svc.Create(ctx, owners[i%2], in); err != nil {
			return fmt.Errorf("create note: %w", err)
		}
	}
	return nil
}

// SignIn creates a session for the user with email in the app's session store and returns the
// session cookie, name=value, as the app's session manager would have set it on sign-in.
func SignIn(ctx context.Context, application *app.App, cfg *config.Config, email string) (string, error) {
	user, err := application.Users.UserByEmail(ctx, email)
	if err != nil {
		return "", fmt.Errorf("find %s: %w", email, err)
	}
	manager := session.NewManager(cfg.Session, cfg.IsProduction(), application.Sessions)
	ctx, err = manager.Load(ctx, "")
	if err != nil {
		return "", err
	}
	manager.Put(ctx, session.UserID, user.ID)
	token, _, err := manager.Commit(ctx)
	if err != nil {
		return "", err
	}
	if token == "" {
		return "", errors.New("the session manager returned no token")
	}
	return manager.Cookie.Name + "=" + token, nil
}
