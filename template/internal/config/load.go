package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/spf13/viper"
)

// defaults lists every setting the application reads, with its default value. A key missing
// here is never read from .env or the environment, so add new settings here first. An empty
// default means "unset" (LOG_LEVEL and LOG_FORMAT then follow APP_ENV).
func defaults() map[string]string {
	return map[string]string{
		"APP_ENV":  string(Development),
		"HOST":     "0.0.0.0",
		"PORT":     "8080",
		"BASE_URL": "",

		"SERVER_READ_HEADER_TIMEOUT": "5s",
		"SERVER_READ_TIMEOUT":        "15s",
		"SERVER_WRITE_TIMEOUT":       "15s",
		"SERVER_IDLE_TIMEOUT":        "60s",
		"SERVER_SHUTDOWN_TIMEOUT":    "30s",
		"SERVER_REQUEST_TIMEOUT":     "10s",
		"TRUSTED_PROXIES":            "",

		"DATABASE_URL":          "",
		"DATABASE_DRIVER":       "",
		"DB_MAX_OPEN_CONNS":     "0",
		"DB_MAX_IDLE_CONNS":     "0",
		"DB_CONN_MAX_LIFETIME":  "1h",
		"DB_CONN_MAX_IDLE_TIME": "5m",
		"DB_AUTO_MIGRATE":       "",

		"LOG_LEVEL":  "",
		"LOG_FORMAT": "",

		"RATE_LIMIT_REQUESTS": "100",
		"RATE_LIMIT_WINDOW":   "1m",

		"SESSION_KEY":          "",
		"SESSION_LIFETIME":     "24h",
		"SESSION_IDLE_TIMEOUT": "2h",

		"ADMIN_EMAILS":            "",
		"RATE_LIMIT_OTP":          "5",
		"RATE_LIMIT_LOGIN":        "10",
		"RATE_LIMIT_LOGIN_WINDOW": "1m",
		"GITHUB_CLIENT_ID":        "",
		"GITHUB_CLIENT_SECRET":    "",
		"GOOGLE_CLIENT_ID":        "",
		"GOOGLE_CLIENT_SECRET":    "",

		"EMAIL_PROVIDER": "log",
		"EMAIL_FROM":     "",
		"SMTP_HOST":      "localhost",
		"SMTP_PORT":      "1025",
		"SMTP_USERNAME":  "",
		"SMTP_PASSWORD":  "",
		"SMTP_TLS":       "starttls",
	}
}

// Keys returns the names of every setting the application reads.
func Keys() []string {
	d := defaults()
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	return keys
}

// Load builds the configuration from the defaults, the optional envFile (ignored when it does
// not exist or when envFile is empty) and getenv, in increasing order of precedence. It returns a
// *ValidationError listing every problem when the result is unusable.
func Load(getenv func(string) string, envFile string) (*Config, error) {
	v := viper.New()
	for key, value := range defaults() {
		v.SetDefault(key, value)
	}

	if envFile != "" {
		if err := readEnvFile(v, envFile); err != nil {
			return nil, err
		}
	}

	// Binding keys explicitly (rather than viper.AutomaticEnv) makes every setting work from
	// the environment alone, and lets callers pass their own environment.
	for key := range defaults() {
		if value, ok := lookup(getenv, key); ok {
			v.Set(key, value)
		}
	}

	p := parser{get: v.GetString}
	cfg := p.config()
	problems := p.problems
	for _, problem := range cfg.validate() {
		// A malformed value was already reported; its zero value would only add noise.
		if !slices.ContainsFunc(p.problems, func(parsed string) bool {
			return setting(parsed) == setting(problem)
		}) {
			problems = append(problems, problem)
		}
	}
	if len(problems) > 0 {
		return nil, &ValidationError{Problems: problems}
	}
	return cfg, nil
}

func readEnvFile(v *viper.Viper, path string) error {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	v.SetConfigFile(path)
	v.SetConfigType("env")
	if err := v.MergeInConfig(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

// lookup treats an empty value like an unset variable, so `PORT=` in a shell does not
// override a value from .env with nothing.
func lookup(getenv func(string) string, key string) (string, bool) {
	value := strings.TrimSpace(getenv(key))
	return value, value != ""
}

// setting returns the name of the setting a problem message is about: its first word.
func setting(problem string) string {
	name, _, _ := strings.Cut(problem, " ")
	return name
}

// ValidationError lists every problem found in the configuration.
type ValidationError struct {
	Problems []string
}

func (e *ValidationError) Error() string {
	return "invalid configuration:\n  - " + strings.Join(e.Problems, "\n  - ")
}
