//go:build postgres

package main

import (
	"context"
	"database/sql"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
)

// newRiverClient builds a River client over pool with the database/sql driver, as the app's
// jobs package does for PostgreSQL.
func newRiverClient(pool *sql.DB, cfg *river.Config) (*river.Client[*sql.Tx], error) {
	return river.NewClient(riverdatabasesql.New(pool), cfg)
}

// clearJobs empties River's job table, so that every measurement starts from the same state.
func clearJobs(ctx context.Context, pool *sql.DB) error {
	_, err := pool.ExecContext(ctx, `TRUNCATE river_job`)
	return err
}
