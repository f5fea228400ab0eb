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

// SessionConfig holds the secrets used for sessions.
type SessionConfig struct {
	Key string `json:"-"`
}

// IsProduction reports whether the application runs in production.
func (c *Config) IsProduction() bool { return c.Env == Production }

// IsDevelopment reports whether the application runs in development.
func (c *Config) IsDevelopment() bool { return c.Env == Development }

// Addr returns the host:port the HTTP server listens on.
func (c *ServerConfig) Addr() string {
	return net.JoinHostPort(c.Host, strconv.Itoa(c.Port))
}
