-- +goose Up
-- Write the schema change here, in the application's SQL dialect. For example:
--   ALTER TABLE posts ADD COLUMN summary TEXT NOT NULL DEFAULT '';
-- Wrap a statement with semicolons inside (a trigger, a function) in StatementBegin and
-- StatementEnd annotations, as the users migration does.

-- +goose Down
-- Undo the change here, so that `make db-rollback` works. For example:
--   ALTER TABLE posts DROP COLUMN summary;
