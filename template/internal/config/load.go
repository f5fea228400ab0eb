package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/viper"
)

// Keys returns the names of every setting the application reads, in the order of
// .env.example.
func Keys() []string {
	var keys []string
	for _, s := range appSettings(new(Config)) {
		keys = append(keys, s.key)
	}
	return keys
}

// appSettings returns the settings of the table that Load reads into c: all but the
// test-only ones.
func appSettings(c *Config) []setting {
	var rows []setting
	for _, sec := range settings(c) {
		for _, s := range sec.settings {
			if !s.testOnly {
				rows = append(rows, s)
			}
		}
	}
	return rows
}

// Load builds the configuration from the defaults, the optional envFile (ignored when it does
// not exist or when envFile is empty) and getenv, in increasing order of precedence. It returns a
// *ValidationError listing every problem when the result is unusable.
func Load(getenv func(string) string, envFile string) (*Config, error) {
	cfg := new(Config)
	table := appSettings(cfg)

	// Viper holds what .env and the environment say; the defaults come from the table, for
	// the keys that neither sets.
	v := viper.New()
	if envFile != "" {
		if err := readEnvFile(v, envFile); err != nil {
			return nil, err
		}
	}
	// Binding keys explicitly (rather than viper.AutomaticEnv) makes every setting work from
	// the environment alone, and lets callers pass their own environment.
	for _, s := range table {
		if value, ok := lookup(getenv, s.key); ok {
			v.Set(s.key, value)
		}
	}

	var problems []Problem
	given := make(map[string]bool) // the keys that .env or the environment set
	for _, s := range table {
		raw := strings.TrimSpace(v.GetString(s.key))
		given[s.key] = raw != ""
		if raw == "" {
			raw = s.def // `PORT=` in .env means "unset", as it does in the environment
		}
		switch {
		case raw != "":
			if err := s.parse(raw); err != nil {
				problems = append(problems, Problem{Key: s.key, Message: err.Error()})
			}
		case s.required != "":
			problems = append(problems, Problem{Key: s.key, Message: "is required; " + s.required})
		}
	}
	cfg.derive(given)
	// The rules in validate only look at values that parsed: a setting that did not keeps
	// its zero value, which none of them objects to, so each problem is reported once.
	problems = append(problems, cfg.validate()...)
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

// A Problem is one reason why the configuration is unusable.
type Problem struct {
	Key     string // the setting, e.g. PORT
	Message string // what is wrong with it, e.g. `must be a whole number, got "eighty"`
}

func (p Problem) String() string { return p.Key + " " + p.Message }

// ValidationError lists every problem found in the configuration.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return "invalid configuration:\n  - " + strings.Join(lines, "\n  - ")
}
