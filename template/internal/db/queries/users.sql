-- name: CountUsers :one
-- CountUsers returns the number of registered users.
SELECT count(*) FROM users;

-- name: GetUserByEmail :one
-- GetUserByEmail returns the user registered with the given email address.
SELECT * FROM users
WHERE email = sqlc.arg(email);

-- name: CreateUser :one
-- CreateUser inserts a user whose id the caller generated (a UUIDv7) and returns the stored row.
INSERT INTO users (id, email, username, display_name)
VALUES (sqlc.arg(id), sqlc.arg(email), sqlc.arg(username), sqlc.arg(display_name))
RETURNING *;
