package config

import (
	"fmt"
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"time"
)

// MinSessionKeyLength is the shortest SESSION_KEY accepted: 32 characters.
const MinSessionKeyLength = 32

// knownDrivers lists the database drivers an application can be generated for.
func knownDrivers() []string { return []string{"go-libsql", "sqlite3", "postgres"} }

// validate returns every problem that makes cfg unusable.
func (c *Config) validate() []string {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	switch c.Env {
	case Development, Test, Production:
	default:
		add("APP_ENV must be development, test or production, got %q", c.Env)
	}

	if c.Server.Port < 0 || c.Server.Port > 65535 {
		add("PORT must be between 0 and 65535, got %d", c.Server.Port)
	}
	if u, err := url.Parse(c.Server.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		add("BASE_URL must be an absolute http(s) URL such as https://example.com, got %q", c.Server.BaseURL)
	}
	for _, setting := range []struct {
		key   string
		value time.Duration
	}{
		{"SERVER_READ_HEADER_TIMEOUT", c.Server.ReadHeaderTimeout},
		{"SERVER_READ_TIMEOUT", c.Server.ReadTimeout},
		{"SERVER_WRITE_TIMEOUT", c.Server.WriteTimeout},
		{"SERVER_IDLE_TIMEOUT", c.Server.IdleTimeout},
		{"SERVER_SHUTDOWN_TIMEOUT", c.Server.ShutdownTimeout},
		{"SERVER_REQUEST_TIMEOUT", c.Server.RequestTimeout},
		{"RATE_LIMIT_WINDOW", c.RateLimit.Window},
		{"RATE_LIMIT_LOGIN_WINDOW", c.Auth.LoginWindow},
		{"SESSION_LIFETIME", c.Session.Lifetime},
		{"SESSION_IDLE_TIMEOUT", c.Session.IdleTimeout},
	} {
		if setting.value <= 0 {
			add("%s must be positive, got %s", setting.key, setting.value)
		}
	}

	if c.Database.URL == "" {
		add("DATABASE_URL is required (for example file:data/app.db or postgres://user:pass@host/db)")
	}
	if c.Database.Driver != "" && !slices.Contains(knownDrivers(), c.Database.Driver) {
		add("DATABASE_DRIVER must be one of %s, got %q", strings.Join(knownDrivers(), ", "), c.Database.Driver)
	}
	if c.Database.MaxOpenConns < 0 || c.Database.MaxIdleConns < 0 {
		add("DB_MAX_OPEN_CONNS and DB_MAX_IDLE_CONNS must not be negative")
	}

	if !slices.Contains([]string{"trace", "debug", "info", "warn", "error"}, c.Log.Level) {
		add("LOG_LEVEL must be trace, debug, info, warn or error, got %q", c.Log.Level)
	}
	if c.Log.Format != "console" && c.Log.Format != "json" {
		add("LOG_FORMAT must be console or json, got %q", c.Log.Format)
	}

	for _, setting := range []struct {
		key   string
		value int
	}{
		{"RATE_LIMIT_REQUESTS", c.RateLimit.Requests},
		{"RATE_LIMIT_OTP", c.Auth.CodesPerHour},
		{"RATE_LIMIT_LOGIN", c.Auth.LoginRequests},
	} {
		if setting.value <= 0 {
			add("%s must be positive, got %d", setting.key, setting.value)
		}
	}
	for _, client := range []struct {
		name string
		OAuthClient
	}{
		{"GITHUB", c.Auth.GitHub},
		{"GOOGLE", c.Auth.Google},
	} {
		if (client.ClientID == "") != (client.ClientSecret == "") {
			add("%s_CLIENT_ID and %s_CLIENT_SECRET must be set together", client.name, client.name)
		}
	}
	problems = append(problems, c.Email.validate(c.Env)...)

	switch {
	case c.Session.Key == "":
		add("SESSION_KEY is required; generate one with: openssl rand -hex 32")
	case len(c.Session.Key) < MinSessionKeyLength:
		add("SESSION_KEY must be at least %d characters; generate one with: openssl rand -hex 32",
			MinSessionKeyLength)
	case c.Env == Production && strings.Contains(strings.ToLower(c.Session.Key), "change-me"):
		add("SESSION_KEY still holds the example value from .env.example; set a secret one in production")
	}
	return problems
}

// validate checks the email settings. The log provider prints sign-in codes, so production
// must send real email.
func (e *EmailConfig) validate(env Environment) []string {
	var problems []string
	switch e.Provider {
	case "log":
		if env == Production {
			problems = append(problems,
				"EMAIL_PROVIDER=log writes sign-in codes to the log; set EMAIL_PROVIDER=smtp and SMTP_* in production")
		}
	case "smtp":
		if e.SMTPHost == "" {
			problems = append(problems, "SMTP_HOST is required when EMAIL_PROVIDER=smtp")
		}
		if e.SMTPPort <= 0 || e.SMTPPort > 65535 {
			problems = append(problems, fmt.Sprintf("SMTP_PORT must be between 1 and 65535, got %d", e.SMTPPort))
		}
		if !slices.Contains([]string{"starttls", "tls", "none"}, e.SMTPTLS) {
			problems = append(problems, fmt.Sprintf("SMTP_TLS must be starttls, tls or none, got %q", e.SMTPTLS))
		}
	default:
		problems = append(problems, fmt.Sprintf("EMAIL_PROVIDER must be log or smtp, got %q", e.Provider))
	}
	if _, err := mail.ParseAddress(e.From); err != nil {
		problems = append(problems, fmt.Sprintf("EMAIL_FROM must be an email address, got %q", e.From))
	}
	return problems
}
