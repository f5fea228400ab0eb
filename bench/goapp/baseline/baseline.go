// Package baseline is the hand-written yardstick of the page benchmarks: plain net/http and
// database/sql serving the notes list with the app's own templ component, on the same database
// file and pool (db.Open: same driver, same pragmas). It has none of the app's middleware: no
// request id, access log, rate limit, session manager, CSRF check, compression or timeout.
// Its only extras are what the page needs to come out byte for byte like the app's: the CSP
// nonce the layout prints, the navigation links and, for a session cookie, the signed-in user
// and what they may do.
package baseline

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/gob"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/a-h/templ"

	"example.com/myapp/internal/auth"
	"example.com/myapp/internal/db"
	"example.com/myapp/internal/http/views/components"
	notesviews "example.com/myapp/internal/http/views/notes"
	"example.com/myapp/internal/notes"
)

// Handler serves GET /notes.
type Handler struct {
	db         *db.DB
	cookieName string
	nav        []components.NavLink
	// rolePerms maps a role to the "resource action" pairs it allows, loaded once.
	rolePerms map[string]map[string]bool
}

// New returns the baseline handler; cookieName is the session cookie's name.
func New(ctx context.Context, database *db.DB, cookieName string) (*Handler, error) {
	h := &Handler{
		db:         database,
		cookieName: cookieName,
		nav:        []components.NavLink{{Label: "Notes", Path: "/notes"}},
		rolePerms:  map[string]map[string]bool{},
	}
	rows, err := database.Read.QueryContext(ctx, `SELECT v0, v1, v2 FROM casbin_rule WHERE ptype = 'p'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var role, resource, action string
		if err := rows.Scan(&role, &resource, &action); err != nil {
			return nil, err
		}
		if h.rolePerms[role] == nil {
			h.rolePerms[role] = map[string]bool{}
		}
		h.rolePerms[role][resource+" "+action] = true
	}
	return h, rows.Err()
}

// ServeHTTP answers GET /notes (?page=N) and 404 for anything else.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/notes" || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		http.NotFound(w, r)
		return
	}
	ctx := r.Context()
	nonce := newNonce()
	ctx = templ.WithNonce(ctx, nonce)
	ctx = components.WithNavLinks(ctx, h.nav)
	if c, err := r.Cookie(h.cookieName); err == nil {
		user, perms, ok, err := h.signedIn(ctx, c.Value)
		if err != nil {
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		if ok {
			ctx = auth.WithUser(ctx, user, perms)
		}
	}

	number := 1
	if n, err := strconv.Atoi(r.URL.Query().Get("page")); err == nil && n > 1 {
		number = n
	}
	page := notes.Page{Number: number}
	if err := h.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM notes`).Scan(&page.Total); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	rows, err := h.db.Read.QueryContext(ctx,
		`SELECT id, slug, title, body, owner_id, created_at, updated_at FROM notes ORDER BY id DESC LIMIT ? OFFSET ?`,
		notes.PageSize, (number-1)*notes.PageSize)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	page.Items = make([]notes.Note, 0, notes.PageSize)
	for rows.Next() {
		var n notes.Note
		if err := rows.Scan(&n.ID, &n.Slug, &n.Title, &n.Body, &n.OwnerID, &n.CreatedAt, &n.UpdatedAt); err != nil {
			rows.Close()
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		page.Items = append(page.Items, n)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}

	// Like the app: the list section alone for HTMX, the whole page for a navigation.
	c := notesviews.List(page)
	if r.Header.Get("HX-Request") == "true" && r.Header.Get("HX-Boosted") != "true" {
		c = notesviews.ListContent(page)
	}
	var buf bytes.Buffer
	if err := c.Render(ctx, &buf); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Content-Security-Policy", "script-src 'nonce-"+nonce+"' 'strict-dynamic'")
	hd.Set("Cache-Control", "no-store")
	hd.Add("Vary", "HX-Request, HX-Boosted")
	_, _ = buf.WriteTo(w)
}

// signedIn finds the session of token (stored as its SHA-256, gob-encoded, as the app stores
// them), its user and the user's roles.
func (h *Handler) signedIn(ctx context.Context, token string) (auth.User, auth.Permissions, bool, error) {
	sum := sha256.Sum256([]byte(token))
	var data []byte
	err := h.db.Read.QueryRowContext(ctx,
		`SELECT data FROM sessions WHERE token = ? AND expiry > strftime('%Y-%m-%d %H:%M:%f', ?)`,
		base64.RawURLEncoding.EncodeToString(sum[:]), time.Now().UTC()).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return auth.User{}, nil, false, nil
	}
	if err != nil {
		return auth.User{}, nil, false, err
	}
	var stored struct {
		Deadline time.Time
		Values   map[string]any
	}
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&stored); err != nil {
		return auth.User{}, nil, false, err
	}
	id, _ := stored.Values["user_id"].(string)
	if id == "" {
		return auth.User{}, nil, false, nil
	}
	var u auth.User
	err = h.db.Read.QueryRowContext(ctx,
		`SELECT id, email, username, display_name, created_at FROM users WHERE id = ?`, id).
		Scan(&u.ID, &u.Email, &u.Username, &u.DisplayName, &u.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return auth.User{}, nil, false, nil
	}
	if err != nil {
		return auth.User{}, nil, false, err
	}
	rows, err := h.db.Read.QueryContext(ctx, `SELECT v1 FROM casbin_rule WHERE ptype = 'g' AND v0 = ?`, id)
	if err != nil {
		return auth.User{}, nil, false, err
	}
	defer rows.Close()
	p := perms{user: id, roles: map[string]bool{}, rolePerms: h.rolePerms}
	for rows.Next() {
		var role string
		if err := rows.Scan(&role); err != nil {
			return auth.User{}, nil, false, err
		}
		p.roles[role] = true
	}
	return u, p, true, rows.Err()
}

// perms answers auth.Permissions for one user from their roles.
type perms struct {
	user      string
	roles     map[string]bool
	rolePerms map[string]map[string]bool
}

func (p perms) Can(userID, resource, action string) (bool, error) {
	if userID != p.user {
		return false, nil
	}
	for role := range p.roles {
		if p.rolePerms[role][resource+" "+action] {
			return true, nil
		}
	}
	return false, nil
}

func (p perms) HasRole(userID, role string) bool { return userID == p.user && p.roles[role] }

func newNonce() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
