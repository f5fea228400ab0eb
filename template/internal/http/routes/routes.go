// Package routes holds every URL path the application serves, so that handlers, templates and
// redirects never spell a path literally.
package routes

import (
	"net/url"
	"strconv"
)

// HTML pages.
const (
	Home      = "/"
	About     = "/about"
	Dashboard = "/dashboard"
	// Locale is where the language switcher posts the locale chosen.
	Locale = "/locale"
)

// Sign-in.
const (
	Login      = "/login"
	VerifyCode = "/verify-otp"
	Logout     = "/logout"
	// OAuthStart and OAuthCallback are the two legs of sign-in with an OAuth provider.
	OAuthStart    = "/auth/{" + ProviderParam + "}"
	OAuthCallback = "/auth/{" + ProviderParam + "}/callback"
	// ProviderParam names the URL parameter that holds an OAuth provider's name.
	ProviderParam = "provider"
	// PhoneLogin and PhoneVerify are sign-in with a code texted to a confirmed phone number.
	PhoneLogin  = "/login/phone"
	PhoneVerify = "/login/phone/verify"
)

// The signed-in user's phone number.
const (
	AccountPhone        = "/account/phone"
	AccountPhoneConfirm = "/account/phone/confirm"
	AccountPhoneDelete  = "/account/phone/delete"
)

// Administration.
const (
	Admin          = "/admin"
	AdminUserRoles = "/admin/users/{" + UsernameParam + "}/roles"
	// UsernameParam names the URL parameter that holds a username.
	UsernameParam = "username"
	// AdminJobs shows the background jobs; AdminJobRetry and AdminJobDiscard act on one.
	AdminJobs       = "/admin/jobs"
	AdminJobRetry   = "/admin/jobs/{" + JobIDParam + "}/retry"
	AdminJobDiscard = "/admin/jobs/{" + JobIDParam + "}/discard"
	// JobIDParam names the URL parameter that holds a job's ID.
	JobIDParam = "id"
)

// Development only. DevMailboxPreview shows one email of `make mailer` with example data.
const (
	DevMailbox        = "/dev/mailbox"
	DevMailboxPreview = "/dev/mailbox/previews/{" + PreviewParam + "}"
	// PreviewParam names the URL parameter that holds a preview's name.
	PreviewParam = "name"
)

// DevMailboxPreviewPath is the path of the preview named name.
func DevMailboxPreviewPath(name string) string {
	return "/dev/mailbox/previews/" + url.PathEscape(name)
}

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

// AdminUserRolesPath returns the path of the form that changes a user's roles.
func AdminUserRolesPath(username string) string {
	return "/admin/users/" + url.PathEscape(username) + "/roles"
}

// AdminJobRetryPath returns the path that makes the job with the given ID run again.
func AdminJobRetryPath(id int64) string {
	return AdminJobs + "/" + strconv.FormatInt(id, 10) + "/retry"
}

// AdminJobDiscardPath returns the path that deletes the job with the given ID.
func AdminJobDiscardPath(id int64) string {
	return AdminJobs + "/" + strconv.FormatInt(id, 10) + "/discard"
}

// OAuthStartPath returns the path that starts sign-in with the named provider.
func OAuthStartPath(provider string) string { return "/auth/" + url.PathEscape(provider) }

// OAuthCallbackPath returns the path the named provider redirects back to.
func OAuthCallbackPath(provider string) string { return OAuthStartPath(provider) + "/callback" }

// LoginPath returns the sign-in page that leads back to next afterwards.
func LoginPath(next string) string {
	if next == "" {
		return Login
	}
	return Login + "?" + url.Values{"next": {next}}.Encode()
}
