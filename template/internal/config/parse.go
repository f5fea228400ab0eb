package config

import (
	"fmt"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// parser converts raw string settings into typed values, collecting every malformed value
// instead of stopping at the first one.
type parser struct {
	get      func(key string) string
	problems []string
}

func (p *parser) config() *Config {
	cfg := &Config{
		Env: Environment(strings.ToLower(p.get("APP_ENV"))),
		Server: ServerConfig{
			Host:              p.get("HOST"),
			Port:              p.int("PORT"),
			BaseURL:           p.get("BASE_URL"),
			ReadHeaderTimeout: p.duration("SERVER_READ_HEADER_TIMEOUT"),
			ReadTimeout:       p.duration("SERVER_READ_TIMEOUT"),
			WriteTimeout:      p.duration("SERVER_WRITE_TIMEOUT"),
			IdleTimeout:       p.duration("SERVER_IDLE_TIMEOUT"),
			ShutdownTimeout:   p.duration("SERVER_SHUTDOWN_TIMEOUT"),
			RequestTimeout:    p.duration("SERVER_REQUEST_TIMEOUT"),
			TrustedProxies:    p.prefixes("TRUSTED_PROXIES"),
		},
		Database: DatabaseConfig{
			URL:             p.get("DATABASE_URL"),
			Driver:          p.get("DATABASE_DRIVER"),
			MaxOpenConns:    p.int("DB_MAX_OPEN_CONNS"),
			MaxIdleConns:    p.int("DB_MAX_IDLE_CONNS"),
			ConnMaxLifetime: p.duration("DB_CONN_MAX_LIFETIME"),
			ConnMaxIdleTime: p.duration("DB_CONN_MAX_IDLE_TIME"),
		},
		Log: LogConfig{
			Level:  strings.ToLower(p.get("LOG_LEVEL")),
			Format: strings.ToLower(p.get("LOG_FORMAT")),
		},
		RateLimit: RateLimitConfig{
			Requests: p.int("RATE_LIMIT_REQUESTS"),
			Window:   p.duration("RATE_LIMIT_WINDOW"),
		},
		Session: SessionConfig{
			Key:         p.get("SESSION_KEY"),
			Lifetime:    p.duration("SESSION_LIFETIME"),
			IdleTimeout: p.duration("SESSION_IDLE_TIMEOUT"),
		},
		Auth: AuthConfig{
			AdminEmails:   p.list("ADMIN_EMAILS"),
			CodesPerHour:  p.int("RATE_LIMIT_OTP"),
			LoginRequests: p.int("RATE_LIMIT_LOGIN"),
			LoginWindow:   p.duration("RATE_LIMIT_LOGIN_WINDOW"),
			GitHub:        OAuthClient{ClientID: p.get("GITHUB_CLIENT_ID"), ClientSecret: p.get("GITHUB_CLIENT_SECRET")},
			Google:        OAuthClient{ClientID: p.get("GOOGLE_CLIENT_ID"), ClientSecret: p.get("GOOGLE_CLIENT_SECRET")},
		},
		Email: EmailConfig{
			Provider:     strings.ToLower(p.get("EMAIL_PROVIDER")),
			From:         p.get("EMAIL_FROM"),
			SMTPHost:     p.get("SMTP_HOST"),
			SMTPPort:     p.int("SMTP_PORT"),
			SMTPUsername: p.get("SMTP_USERNAME"),
			SMTPPassword: p.get("SMTP_PASSWORD"),
			SMTPTLS:      strings.ToLower(p.get("SMTP_TLS")),
		},
	}

	// Settings whose defaults depend on the environment.
	cfg.Database.AutoMigrate = cfg.Env == Development
	if p.get("DB_AUTO_MIGRATE") != "" {
		cfg.Database.AutoMigrate = p.bool("DB_AUTO_MIGRATE")
	}
	if cfg.Log.Level == "" {
		cfg.Log.Level = "info"
		if cfg.Env == Development {
			cfg.Log.Level = "debug"
		}
	}
	if cfg.Log.Format == "" {
		cfg.Log.Format = "json"
		if cfg.Env == Development {
			cfg.Log.Format = "console"
		}
	}
	if cfg.Server.BaseURL == "" {
		cfg.Server.BaseURL = "http://localhost:" + strconv.Itoa(cfg.Server.Port)
	}
	if cfg.Email.From == "" {
		cfg.Email.From = "no-reply@" + hostname(cfg.Server.BaseURL)
	}
	return cfg
}

func (p *parser) int(key string) int {
	raw := p.get(key)
	n, err := strconv.Atoi(raw)
	if err != nil {
		p.problems = append(p.problems, fmt.Sprintf("%s must be a whole number, got %q", key, raw))
	}
	return n
}

func (p *parser) bool(key string) bool {
	raw := p.get(key)
	b, err := strconv.ParseBool(raw)
	if err != nil {
		p.problems = append(p.problems, fmt.Sprintf("%s must be true or false, got %q", key, raw))
	}
	return b
}

func (p *parser) duration(key string) time.Duration {
	raw := p.get(key)
	d, err := time.ParseDuration(raw)
	if err != nil {
		p.problems = append(p.problems,
			fmt.Sprintf("%s must be a duration such as 30s or 5m, got %q", key, raw))
	}
	return d
}

// list parses a comma-separated list, lower-cased, without empty items.
func (p *parser) list(key string) []string {
	var out []string
	for _, item := range strings.Split(p.get(key), ",") {
		if item = strings.ToLower(strings.TrimSpace(item)); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// hostname returns the host name of rawURL, or "localhost" when it has none.
func hostname(rawURL string) string {
	if u, err := url.Parse(rawURL); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return "localhost"
}

// prefixes parses a comma-separated list of CIDR prefixes or single addresses.
func (p *parser) prefixes(key string) []netip.Prefix {
	var out []netip.Prefix
	for _, item := range strings.Split(p.get(key), ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if prefix, err := netip.ParsePrefix(item); err == nil {
			out = append(out, prefix.Masked())
			continue
		}
		if addr, err := netip.ParseAddr(item); err == nil {
			out = append(out, netip.PrefixFrom(addr, addr.BitLen()))
			continue
		}
		p.problems = append(p.problems,
			fmt.Sprintf("%s must list IP addresses or CIDR ranges such as 10.0.0.0/8, got %q", key, item))
	}
	return out
}
