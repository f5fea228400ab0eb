package db

import (
	"context"
	"io/fs"
)

// MigrateFS applies the migrations in fsys as Migrate applies the embedded ones, for tests of
// migrations the application does not ship.
func (db *DB) MigrateFS(ctx context.Context, fsys fs.FS) error {
	provider, err := db.migrationsIn(fsys)
	if err != nil {
		return err
	}
	_, err = provider.Up(ctx)
	return err
}
