-- name: CountUsers :one
-- CountUsers returns the number of registered users.
SELECT count(*) FROM users;

-- name: GetUserByID :one
-- GetUserByID returns the user with the given id.
SELECT * FROM users
WHERE id = sqlc.arg(id);

-- name: GetUserByEmail :one
-- GetUserByEmail returns the user registered with the given email address.
SELECT * FROM users
WHERE email = sqlc.arg(email);

-- name: GetUserByUsername :one
-- GetUserByUsername returns the user with the given username.
SELECT * FROM users
WHERE username = sqlc.arg(username);

-- name: CountUsersWithUsername :one
-- CountUsersWithUsername returns 1 when the username is taken, 0 otherwise.
SELECT count(*) FROM users
WHERE username = sqlc.arg(username);

-- name: ListUsers :many
-- ListUsers returns a page of users, newest first.
SELECT * FROM users
ORDER BY id DESC
LIMIT sqlc.arg(max_rows) OFFSET sqlc.arg(skip_rows);

-- name: CreateUser :one
-- CreateUser inserts a user whose id the caller generated (a UUIDv7) and returns the stored row.
INSERT INTO users (id, email, username, display_name)
VALUES (sqlc.arg(id), sqlc.arg(email), sqlc.arg(username), sqlc.arg(display_name))
RETURNING *;
