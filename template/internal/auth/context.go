package auth

import "context"

// Permissions answers authorisation questions about a user. *rbac.Authorizer implements it.
type Permissions interface {
	Can(userID, resource, action string) bool
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

// Can reports whether the signed-in user may perform action on resource. Anonymous visitors
// may not do anything that needs a permission.
func Can(ctx context.Context, resource, action string) bool {
	v, ok := ctx.Value(viewerKey{}).(viewer)
	return ok && v.perms != nil && v.perms.Can(v.user.ID, resource, action)
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

// OwnsOrCan reports whether the signed-in user owns the record (ownerID is theirs) or may
// perform action on resource anyway, e.g. an editor changing someone else's post. Handlers use
// it for edit and delete.
func OwnsOrCan(ctx context.Context, ownerID, resource, action string) bool {
	return IsOwner(ctx, ownerID) || Can(ctx, resource, action)
}
