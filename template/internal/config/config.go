// Package config loads the application's runtime configuration.
//
// Values come from, in increasing order of precedence: the defaults in this package, an
// optional .env file (for development) and the process environment. Every setting works from
// the environment alone. The configuration is validated once at start-up, and every problem is
// reported at the same time.
package config

import (
	"net"
	"net/netip"
	"strconv"
	"time"
)

// Environment names the mode the application runs in.
type Environment string

// The environments the application knows. Anything else is rejected at start-up.
const (
	Development Environment = "development"
	Test        Environment = "test"
	Production  Environment = "production"
)

// Config is the complete runtime configuration.
type Config struct {
	Env       Environment
	Server    ServerConfig
	Database  DatabaseConfig
	Log       LogConfig
	RateLimit RateLimitConfig
	Session   SessionConfig
	Auth      AuthConfig
	Email     EmailConfig
}

// ServerConfig configures the HTTP server.
type ServerConfig struct {
	Host    string
	Port    int
	BaseURL string

	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	ShutdownTimeout   time.Duration
	RequestTimeout    time.Duration

	// TrustedProxies lists the networks whose X-Forwarded-For headers are believed. Empty means
	// the client address is always the TCP peer.
	TrustedProxies []netip.Prefix
}

// DatabaseConfig configures the database connection pools.
type DatabaseConfig struct {
	URL string
	// Driver, when set, must name the driver the application was generated for.
	Driver          string
	MaxOpenConns    int
	MaxIdleConns    int
	ConnMaxLifetime time.Duration
	ConnMaxIdleTime time.Duration
	// AutoMigrate applies pending migrations when the server starts.
	AutoMigrate bool
}

// LogConfig configures the logger.
type LogConfig struct {
	Level  string // trace, debug, info, warn or error
	Format string // console or json
}

// RateLimitConfig configures the per-client request limit.
type RateLimitConfig struct {
	Requests int
	Window   time.Duration
}

// SessionConfig configures sign-in sessions.
type SessionConfig struct {
	// Key is the application's master secret; sign-in codes are hashed with it.
	Key string `json:"-"`
	// Lifetime is the absolute limit of a session; IdleTimeout ends it earlier when unused.
	Lifetime    time.Duration
	IdleTimeout time.Duration
}

// AuthConfig configures sign-in.
type AuthConfig struct {
	// AdminEmails are granted the admin role when they sign in.
	AdminEmails []string
	// CodesPerHour caps the sign-in codes sent to one address in an hour.
	CodesPerHour int
	// LoginRequests per LoginWindow caps sign-in attempts from one client address.
	LoginRequests int
	LoginWindow   time.Duration
	GitHub        OAuthClient
	Google        OAuthClient
}

// OAuthClient holds the credentials of an OAuth2 application. It is enabled when ClientID is set.
type OAuthClient struct {
	ClientID     string
	ClientSecret string `json:"-"`
}

// Enabled reports whether the client is configured.
func (c OAuthClient) Enabled() bool { return c.ClientID != "" }

// EmailConfig configures outgoing email.
type EmailConfig struct {
	// Provider is "log" (write emails to the log; development only) or "smtp".
	Provider     string
	From         string
	SMTPHost     string
	SMTPPort     int
	SMTPUsername string
	SMTPPassword string `json:"-"`
	// SMTPTLS is "starttls" (upgrade when offered), "tls" (implicit TLS) or "none".
	SMTPTLS string
}

// IsProduction reports whether the application runs in production.
func (c *Config) IsProduction() bool { return c.Env == Production }

// IsDevelopment reports whether the application runs in development.
func (c *Config) IsDevelopment() bool { return c.Env == Development }

// Addr returns the host:port the HTTP server listens on.
func (c *ServerConfig) Addr() string {
	return net.JoinHostPort(c.Host, strconv.Itoa(c.Port))
}
