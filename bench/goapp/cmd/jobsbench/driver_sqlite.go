//go:build !postgres

package main

import (
	"context"
	"database/sql"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riversqlite"
)

// newRiverClient builds a River client over pool with the SQLite driver, as the app's jobs
// package does for go-libsql and sqlite3.
func newRiverClient(pool *sql.DB, cfg *river.Config) (*river.Client[*sql.Tx], error) {
	return river.NewClient(riversqlite.New(pool), cfg)
}

// clearJobs empties River's job table, rebuilds the database file without the freed pages and
// folds the write-ahead log back into it, so that every measurement starts from the same state
// and none pays for checkpointing the writes of the one before.
func clearJobs(ctx context.Context, pool *sql.DB) error {
	for _, stmt := range []string{`DELETE FROM river_job`, `VACUUM`} {
		if _, err := pool.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	var busy, logFrames, checkpointed int
	return pool.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &checkpointed)
}
