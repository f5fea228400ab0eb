package db

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
)

// developmentSeed is sample data for local development. Every statement must be safe to run
// again (INSERT ... ON CONFLICT DO NOTHING), because `make db-seed` may run many times.
//
//go:embed seeds/development.sql
var developmentSeed string

// Seed loads the development sample data in one transaction. Rows that already exist are
// left alone, so Seed can run any number of times.
func (db *DB) Seed(ctx context.Context) error {
	tx, err := db.Write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("seed database: %w", err)
	}
	if err := execScript(ctx, tx, developmentSeed); err != nil {
		return errors.Join(fmt.Errorf("seed database: %w", err), tx.Rollback())
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("seed database: %w", err)
	}
	return nil
}
