package auth

import (
	"context"

	"github.com/rs/zerolog"
)

// Permissions answers authorisation questions about a user. *rbac.Authorizer implements it.
// Can returns an error when the question could not be answered, which is not a denial.
type Permissions interface {
	Can(userID, resource, action string) (bool, error)
	HasRole(userID, role string) bool
}

type viewerKey struct{}

type viewer struct {
	user  User
	perms Permissions
}

// WithUser returns a context that carries the signed-in user and what they may do.
func WithUser(ctx context.Context, u User, perms Permissions) context.Context {
	return context.WithValue(ctx, viewerKey{}, viewer{user: u, perms: perms})
}

// CurrentUser returns the signed-in user, if any.
func CurrentUser(ctx context.Context) (User, bool) {
	v, ok := ctx.Value(viewerKey{}).(viewer)
	return v.user, ok
}

// Authorize reports whether the signed-in user may perform action on resource. Anonymous
// visitors may not do anything that needs a permission. Code that decides access (middleware,
// handlers) uses Authorize and answers an error with 500, never with 403.
func Authorize(ctx context.Context, resource, action string) (bool, error) {
	v, ok := ctx.Value(viewerKey{}).(viewer)
	if !ok || v.perms == nil {
		return false, nil
	}
	return v.perms.Can(v.user.ID, resource, action)
}

// Can is Authorize for views, which only show or hide a link or a button: an error is logged
// and taken as "no". The guard behind the link still answers it with 500.
func Can(ctx context.Context, resource, action string) bool {
	allowed, err := Authorize(ctx, resource, action)
	if err != nil {
		zerolog.Ctx(ctx).Error().Err(err).Str("resource", resource).Str("action", action).
			Msg("check permission")
		return false
	}
	return allowed
}

// HasRole reports whether the signed-in user holds role.
func HasRole(ctx context.Context, role string) bool {
	v, ok := ctx.Value(viewerKey{}).(viewer)
	return ok && v.perms != nil && v.perms.HasRole(v.user.ID, role)
}

// IsOwner reports whether the signed-in user is the one with ownerID.
func IsOwner(ctx context.Context, ownerID string) bool {
	u, ok := CurrentUser(ctx)
	return ok && ownerID != "" && u.ID == ownerID
}

// AuthorizeOwner reports whether the signed-in user owns the record (ownerID is theirs) or
// may perform action on resource anyway, e.g. an editor changing someone else's post.
// Handlers use it for edit and delete; an error means 500.
func AuthorizeOwner(ctx context.Context, ownerID, resource, action string) (bool, error) {
	if IsOwner(ctx, ownerID) {
		return true, nil
	}
	return Authorize(ctx, resource, action)
}

// OwnsOrCan is AuthorizeOwner for views: an error is logged and taken as "no".
func OwnsOrCan(ctx context.Context, ownerID, resource, action string) bool {
	return IsOwner(ctx, ownerID) || Can(ctx, resource, action)
}
