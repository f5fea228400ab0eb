package config

import (
	"fmt"
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

	if c.RateLimit.Requests <= 0 {
		add("RATE_LIMIT_REQUESTS must be positive, got %d", c.RateLimit.Requests)
	}

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
