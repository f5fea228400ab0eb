-- name: ListCasbinRules :many
-- ListCasbinRules returns the whole Casbin policy in insertion order.
SELECT ptype, v0, v1, v2, v3, v4, v5 FROM casbin_rule
ORDER BY id;

-- name: AddCasbinRule :execrows
-- AddCasbinRule stores a Casbin rule unless it is already stored; it reports 0 rows then.
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4, v5)
VALUES (sqlc.arg(ptype), sqlc.arg(v0), sqlc.arg(v1), sqlc.arg(v2), sqlc.arg(v3), sqlc.arg(v4), sqlc.arg(v5))
ON CONFLICT (ptype, v0, v1, v2, v3, v4, v5) DO NOTHING;

-- name: RemoveCasbinRule :execrows
-- RemoveCasbinRule deletes one Casbin rule; it reports 0 rows if the rule was not stored.
DELETE FROM casbin_rule
WHERE ptype = sqlc.arg(ptype)
  AND v0 = sqlc.arg(v0) AND v1 = sqlc.arg(v1) AND v2 = sqlc.arg(v2)
  AND v3 = sqlc.arg(v3) AND v4 = sqlc.arg(v4) AND v5 = sqlc.arg(v5);

-- name: RemoveFilteredCasbinRules :execrows
-- RemoveFilteredCasbinRules deletes the rules of a type whose fields match the filter; an
-- empty filter value matches any field value.
DELETE FROM casbin_rule
WHERE ptype = sqlc.arg(ptype)
  AND (v0 = sqlc.arg(v0) OR sqlc.arg(v0) = '')
  AND (v1 = sqlc.arg(v1) OR sqlc.arg(v1) = '')
  AND (v2 = sqlc.arg(v2) OR sqlc.arg(v2) = '')
  AND (v3 = sqlc.arg(v3) OR sqlc.arg(v3) = '')
  AND (v4 = sqlc.arg(v4) OR sqlc.arg(v4) = '')
  AND (v5 = sqlc.arg(v5) OR sqlc.arg(v5) = '');

-- name: RemoveAllCasbinRules :exec
-- RemoveAllCasbinRules empties the policy, before the whole of it is saved again.
DELETE FROM casbin_rule;

-- name: CreatePermissionAudit :exec
-- CreatePermissionAudit records a role change; the caller generates the id (a UUIDv7).
INSERT INTO permission_audit (id, user_id, action, role, performed_by, reason)
VALUES (sqlc.arg(id), sqlc.arg(user_id), sqlc.arg(action), sqlc.arg(role), sqlc.arg(performed_by), sqlc.arg(reason));

-- name: ListPermissionAudit :many
-- ListPermissionAudit returns the role changes of a user, newest first. UUIDv7 ids order
-- changes recorded within the same clock tick.
SELECT * FROM permission_audit
WHERE user_id = sqlc.arg(user_id)
ORDER BY performed_at DESC, id DESC;
