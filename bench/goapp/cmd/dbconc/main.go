// Command dbconc measures the app's SQLite pool design (db.Open: one writer connection, a pool
// of query_only readers) against a single connection for everything and against one shared
// pool of many connections, under concurrent writers and readers. It prints one JSON object.
// It uses only internal/db and internal/config, so it builds in an app of either SQLite driver.
//
//	dbconc -dir /tmp/x -writers 32 -readers 32 -duration 5s [-designs app,single,shared]
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"example.com/myapp/internal/config"
	"example.com/myapp/internal/db"
)

type result struct {
	Design      string  `json:"design"`
	Writers     int     `json:"writers"`
	Readers     int     `json:"readers"`
	Seconds     float64 `json:"seconds"`
	Reads       int64   `json:"reads"`
	Writes      int64   `json:"writes"`
	ReadsPerS   float64 `json:"reads_per_s"`
	WritesPerS  float64 `json:"writes_per_s"`
	BusyErrors  int64   `json:"busy_locked_errors"`
	OtherErrors int64   `json:"other_errors"`
	FirstError  string  `json:"first_error,omitempty"`
}

func main() {
	dir := flag.String("dir", os.TempDir(), "directory for the database files")
	writers := flag.Int("writers", 32, "concurrent writers")
	readers := flag.Int("readers", 32, "concurrent readers")
	duration := flag.Duration("duration", 5*time.Second, "time per design")
	designs := flag.String("designs", "app,single,shared", "comma-separated designs to measure")
	flag.Parse()
	var out struct {
		Driver  string   `json:"driver"`
		Results []result `json:"results"`
	}
	out.Driver = db.Driver
	for design := range strings.SplitSeq(*designs, ",") {
		r, err := measure(context.Background(), filepath.Join(*dir, "dbconc-"+design+".db"), design,
			*writers, *readers, *duration)
		if err != nil {
			fmt.Fprintln(os.Stderr, "dbconc:", err)
			os.Exit(1)
		}
		out.Results = append(out.Results, r)
	}
	_ = json.NewEncoder(os.Stdout).Encode(out)
}

// measure runs writers and readers against a fresh database for d. Each write is a short
// transaction that reads and then writes (the pattern that makes a shared pool fail with
// SQLITE_BUSY: a deferred transaction cannot upgrade while another connection writes).
func measure(ctx context.Context, path, design string, writers, readers int, d time.Duration) (result, error) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		_ = os.Remove(path + suffix)
	}
	database, err := db.Open(ctx, config.DatabaseConfig{URL: "file:" + path})
	if err != nil {
		return result{}, err
	}
	defer database.Close()
	write, read := database.Write, database.Read
	switch design {
	case "app":
		// The Write and Read pools as db.Open configures them.
	case "single":
		// Everything through one connection (the Write pool, with the same pragmas).
		read = write
	case "shared":
		// One pool of many connections for reads and writes alike.
		write.SetMaxOpenConns(writers + readers)
		write.SetMaxIdleConns(writers + readers)
		read = write
	default:
		return result{}, fmt.Errorf("unknown design %q: want app, single or shared", design)
	}
	if _, err := write.ExecContext(ctx,
		`CREATE TABLE kv (id INTEGER PRIMARY KEY, counter INTEGER NOT NULL, v TEXT NOT NULL)`); err != nil {
		return result{}, err
	}
	for i := range 1000 {
		if _, err := write.ExecContext(ctx, `INSERT INTO kv (counter, v) VALUES (0, ?)`,
			fmt.Sprintf("row %d", i)); err != nil {
			return result{}, err
		}
	}

	res := result{Design: design, Writers: writers, Readers: readers}
	var reads, writes, busy, other atomic.Int64
	var firstErr sync.Once
	fail := func(err error) {
		msg := strings.ToLower(err.Error())
		if strings.Contains(msg, "busy") || strings.Contains(msg, "locked") {
			busy.Add(1)
		} else {
			other.Add(1)
		}
		firstErr.Do(func() { res.FirstError = err.Error() })
	}
	runCtx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var wg sync.WaitGroup
	start := time.Now()
	for w := range writers {
		wg.Go(func() {
			for i := 0; runCtx.Err() == nil; i++ {
				if err := writeOnce(runCtx, write, int64((w*7919+i)%1000+1)); err != nil {
					if runCtx.Err() == nil {
						fail(err)
					}
					continue
				}
				writes.Add(1)
			}
		})
	}
	for range readers {
		wg.Go(func() {
			for runCtx.Err() == nil {
				if err := readOnce(runCtx, read); err != nil {
					if runCtx.Err() == nil {
						fail(err)
					}
					continue
				}
				reads.Add(1)
			}
		})
	}
	wg.Wait()
	res.Seconds = time.Since(start).Seconds()
	res.Reads, res.Writes = reads.Load(), writes.Load()
	res.ReadsPerS, res.WritesPerS = float64(res.Reads)/res.Seconds, float64(res.Writes)/res.Seconds
	res.BusyErrors, res.OtherErrors = busy.Load(), other.Load()
	return res, nil
}

func writeOnce(ctx context.Context, pool *sql.DB, id int64) error {
	tx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	var counter int64
	if err := tx.QueryRowContext(ctx, `SELECT counter FROM kv WHERE id = ?`, id).Scan(&counter); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	if _, err := tx.ExecContext(ctx, `UPDATE kv SET counter = ? WHERE id = ?`, counter+1, id); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

func readOnce(ctx context.Context, pool *sql.DB) error {
	rows, err := pool.QueryContext(ctx, `SELECT id, counter, v FROM kv ORDER BY id DESC LIMIT 20`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id, counter int64
		var v string
		if err := rows.Scan(&id, &counter, &v); err != nil {
			return errors.Join(err, rows.Close())
		}
	}
	return errors.Join(rows.Err(), rows.Close())
}
