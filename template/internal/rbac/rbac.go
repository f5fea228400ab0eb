// Package rbac decides what a signed-in user may do. Users hold roles, roles hold
// permissions (an action on a resource), and a Casbin enforcer answers the questions from an
// in-memory copy of the policy, which lives in the casbin_rule table. Every role change is
// recorded in the permission_audit table.
package rbac

import (
	_ "embed"
	"errors"
	"slices"
)

// The roles, least privileged first.
const (
	RoleUser      = "user"
	RoleEditor    = "editor"
	RoleModerator = "moderator"
	RoleAdmin     = "admin"
)

// Resources that permissions refer to.
const (
	ResourceUsers = "users"
	ResourceAdmin = "admin"
)

// Actions on a resource.
const (
	ActionCreate = "create"
	ActionRead   = "read"
	ActionUpdate = "update"
	ActionDelete = "delete"
	ActionAccess = "access"
	ActionManage = "manage"
)

// Values of AuditEntry.Action.
const (
	AuditRoleGranted = "role_granted"
	AuditRoleRevoked = "role_revoked"
)

// ErrUnknownRole is returned for a role that Roles does not list.
var ErrUnknownRole = errors.New("unknown role")

// modelConf is the Casbin model: a user holds roles, and a role is allowed an action on a
// resource. Roles do not inherit from each other; each one lists its permissions.
//
//go:embed model.conf
var modelConf string

// Roles lists every role, least privileged first.
func Roles() []string {
	return []string{RoleUser, RoleEditor, RoleModerator, RoleAdmin}
}

// isRole reports whether name is one of the roles.
func isRole(name string) bool {
	return slices.Contains(Roles(), name)
}

// permission is a role's right to act on a resource.
type permission struct {
	role, resource, action string
}

// defaultPermissions are seeded by New. A user who holds only RoleUser may do nothing
// beyond being signed in.
func defaultPermissions() []permission {
	return []permission{
		{RoleEditor, ResourceUsers, ActionRead},
		{RoleModerator, ResourceUsers, ActionRead},
		{RoleAdmin, ResourceUsers, ActionRead},
		{RoleAdmin, ResourceUsers, ActionUpdate},
		{RoleAdmin, ResourceUsers, ActionDelete},
		{RoleAdmin, ResourceAdmin, ActionAccess},
		{RoleAdmin, ResourceAdmin, ActionManage},
	}
}
