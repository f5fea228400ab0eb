package db_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMigrationVersions guards goose's naming rule: the version is the number before the first
// underscore, so YYYYMMDDHHMMSS prefixes must be unique and, in file-name order, increasing.
func TestMigrationVersions(t *testing.T) {
	entries, err := os.ReadDir("migrations")
	require.NoError(t, err)

	var previous int64
	for _, entry := range entries {
		name := entry.Name()
		if filepath.Ext(name) != ".sql" {
			continue
		}
		prefix, _, ok := strings.Cut(name, "_")
		require.True(t, ok, "%s: want YYYYMMDDHHMMSS_description.sql", name)
		_, err := time.Parse("20060102150405", prefix)
		require.NoError(t, err, "%s: the version must be a YYYYMMDDHHMMSS timestamp", name)
		version, err := strconv.ParseInt(prefix, 10, 64)
		require.NoError(t, err)
		assert.Greater(t, version, previous, "%s: versions must be unique and increasing", name)
		previous = version
	}
	assert.NotZero(t, previous, "no migrations found")
}
