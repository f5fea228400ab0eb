//go:build postgres

package main

import (
	"database/sql"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
)

// clearJobs empties River's job table between measurements.
const clearJobs = `TRUNCATE river_job`

// newRiverClient builds a River client over pool with the database/sql driver, as the app's
// jobs package does for PostgreSQL.
func newRiverClient(pool *sql.DB, cfg *river.Config) (*river.Client[*sql.Tx], error) {
	return river.NewClient(riverdatabasesql.New(pool), cfg)
}
