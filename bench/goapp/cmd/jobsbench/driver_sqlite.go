//go:build !postgres

package main

import (
	"database/sql"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riversqlite"
)

// clearJobs empties River's job table between measurements.
const clearJobs = `DELETE FROM river_job`

// newRiverClient builds a River client over pool with the SQLite driver, as the app's jobs
// package does for go-libsql and sqlite3.
func newRiverClient(pool *sql.DB, cfg *river.Config) (*river.Client[*sql.Tx], error) {
	return river.NewClient(riversqlite.New(pool), cfg)
}
