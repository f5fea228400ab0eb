package session

// The keys under which the application keeps values in a session.
const (
	// UserID holds the id of the signed-in user.
	UserID = "user_id"
	// PendingEmail holds the address a sign-in code was sent to, until the code is used.
	PendingEmail = "pending_email"
	// PendingPhone holds the number a sign-in code was texted to, until the code is used.
	PendingPhone = "pending_phone"
	// ConfirmingPhone holds the number a signed-in user is confirming with a texted code.
	ConfirmingPhone = "confirming_phone"
	// ReturnTo holds the same-origin path to go back to after signing in.
	ReturnTo = "return_to"
	// OAuthState and OAuthVerifier bind an OAuth sign-in to the browser that started it.
	OAuthState    = "oauth_state"
	OAuthVerifier = "oauth_verifier"
)
