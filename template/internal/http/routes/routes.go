// Package routes holds every URL path the application serves, so that handlers, templates and
// redirects never spell a path literally.
package routes

// HTML pages.
const (
	Home  = "/"
	About = "/about"
)

// JSON API.
const (
	APIHealth      = "/api/health"
	APIHealthLive  = "/api/health/live"
	APIHealthReady = "/api/health/ready"
)

// Static files. Assets is a prefix: hashed asset names are appended to it.
const (
	Assets  = "/assets/"
	Robots  = "/robots.txt"
	Favicon = "/favicon.ico"
)

// APIPrefix marks the routes that answer with JSON rather than HTML.
const APIPrefix = "/api/"
