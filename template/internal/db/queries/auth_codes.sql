-- name: CreateAuthCode :exec
-- CreateAuthCode stores the hash of a newly sent sign-in code.
INSERT INTO auth_codes (id, email, code_hash, created_at, expires_at)
VALUES (sqlc.arg(id), sqlc.arg(email), sqlc.arg(code_hash), sqlc.arg(created_at), sqlc.arg(expires_at));

-- name: RecentAuthCodes :many
-- RecentAuthCodes returns the newest codes sent to an address, newest first.
SELECT * FROM auth_codes
WHERE email = sqlc.arg(email)
ORDER BY id DESC
LIMIT sqlc.arg(max_rows);

-- name: RecordAuthCodeAttempt :one
-- RecordAuthCodeAttempt counts a wrong guess against an unspent code and returns the new count.
UPDATE auth_codes SET attempts = attempts + 1
WHERE id = sqlc.arg(id) AND spent_at IS NULL
RETURNING attempts;

-- name: SpendAuthCode :execrows
-- SpendAuthCode marks a code used or invalid. It affects no row when the code was already
-- spent, which makes every code single use even under concurrent requests.
UPDATE auth_codes SET spent_at = sqlc.arg(spent_at)
WHERE id = sqlc.arg(id) AND spent_at IS NULL;

-- name: SpendAuthCodesFor :exec
-- SpendAuthCodesFor invalidates every unspent code of an address.
UPDATE auth_codes SET spent_at = sqlc.arg(spent_at)
WHERE email = sqlc.arg(email) AND spent_at IS NULL;
