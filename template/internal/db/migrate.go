package db

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"text/tabwriter"
	"time"

	"github.com/pressly/goose/v3"
)

// migrationFiles holds the goose migrations, named YYYYMMDDHHMMSS_description.sql: goose
// takes the digits before the first underscore as the version.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrate applies every pending migration.
func (db *DB) Migrate(ctx context.Context) error {
	provider, err := db.migrations()
	if err != nil {
		return err
	}
	if _, err := provider.Up(ctx); err != nil {
		return fmt.Errorf("apply migrations: %w", err)
	}
	return nil
}

// Rollback reverts the most recently applied migration.
func (db *DB) Rollback(ctx context.Context) error {
	provider, err := db.migrations()
	if err != nil {
		return err
	}
	if _, err := provider.Down(ctx); err != nil {
		if errors.Is(err, goose.ErrNoNextVersion) {
			return errors.New("roll back migration: no migration has been applied")
		}
		return fmt.Errorf("roll back migration: %w", err)
	}
	return nil
}

// Reset rolls back every applied migration, newest first, then applies them all again: an
// empty database at the latest schema. Every row is lost.
func (db *DB) Reset(ctx context.Context) error {
	provider, err := db.migrations()
	if err != nil {
		return err
	}
	if _, err := provider.DownTo(ctx, 0); err != nil {
		return fmt.Errorf("roll back every migration: %w", err)
	}
	if _, err := provider.Up(ctx); err != nil {
		return fmt.Errorf("apply migrations: %w", err)
	}
	return nil
}

// MigrationState is one migration and whether it has been applied.
type MigrationState struct {
	Version int64 `json:"version"`
	// Name is the migration's file name, such as 20250101000100_create_users.sql.
	Name string `json:"name"`
	// State is "applied" or "pending".
	State     string     `json:"state"`
	AppliedAt *time.Time `json:"applied_at"`
}

// MigrationStates lists every migration in version order, applied or not.
func (db *DB) MigrationStates(ctx context.Context) ([]MigrationState, error) {
	provider, err := db.migrations()
	if err != nil {
		return nil, err
	}
	statuses, err := provider.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("read migration status: %w", err)
	}
	states := make([]MigrationState, len(statuses))
	for i, s := range statuses {
		states[i] = MigrationState{Version: s.Source.Version, Name: s.Source.Path, State: string(s.State)}
		if s.State == goose.StateApplied {
			appliedAt := s.AppliedAt.UTC()
			states[i].AppliedAt = &appliedAt
		}
	}
	return states, nil
}

// MigrationStatus writes one line per migration to w: whether it has been applied, when,
// and its file name.
func (db *DB) MigrationStatus(ctx context.Context, w io.Writer) error {
	states, err := db.MigrationStates(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STATE\tAPPLIED AT\tMIGRATION")
	for _, s := range states {
		appliedAt := "-"
		if s.AppliedAt != nil {
			appliedAt = s.AppliedAt.Format("2006-01-02 15:04:05 UTC")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.State, appliedAt, s.Name)
	}
	return tw.Flush()
}

// migrations builds a goose provider over the embedded migrations.
func (db *DB) migrations() (*goose.Provider, error) {
	fsys, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return nil, fmt.Errorf("load migrations: %w", err)
	}
	return db.migrationsIn(fsys)
}

// migrationsIn builds a goose provider over the migrations in fsys. It runs on the Write pool
// so that, on SQLite, migrations queue behind other writers instead of competing with them.
// goose runs each migration in a transaction of its own, unless the file says
// "-- +goose NO TRANSACTION", so one that fails leaves the schema as it was.
func (db *DB) migrationsIn(fsys fs.FS) (*goose.Provider, error) {
	opts, err := migrationOptions()
	if err != nil {
		return nil, err
	}
	// An update of the application's template can bring a migration older than the newest one
	// applied (a resource's, made since): apply it rather than refuse to start.
	opts = append(opts, goose.WithAllowOutofOrder(true))
	provider, err := goose.NewProvider(gooseDialect, db.Write, fsys, opts...)
	if err != nil {
		return nil, fmt.Errorf("load migrations: %w", err)
	}
	return provider, nil
}
