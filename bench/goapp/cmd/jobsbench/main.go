// Command jobsbench measures the app's job queue (internal/jobs) against River's client used
// directly, on the same database, the same pool and the same number of workers, with a job
// that does nothing. In each round, for each subject:
//
//   - enqueued/s: jobs enqueued one after another while no worker runs;
//   - completed/s: the workers started on those jobs, until the database has them all
//     completed;
//   - enqueue-to-start latency: half as many jobs enqueued at a fixed pace, half River's
//     completed/s of the round, with the workers running; p50 and p99 of the time from the
//     call to Enqueue to the start of the handler.
//
// Rounds alternate which subject goes first, and every measurement starts from an empty job
// table. It prints one JSON object. In an app generated for PostgreSQL, build it with
// -tags postgres.
//
//	jobsbench -db file:/tmp/jobs.db -jobs 2000 -rounds 10
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"

	"example.com/myapp/internal/config"
	"example.com/myapp/internal/db"
)

// report is what jobsbench prints.
type report struct {
	Driver    string  `json:"driver"`
	Jobs      int     `json:"jobs"`
	PacedJobs int     `json:"paced_jobs"`
	Workers   int     `json:"workers"`
	Rounds    []round `json:"rounds"`
}

// round holds the figures of both subjects, measured back to back.
type round struct {
	First string `json:"first"`
	// PacedRate is the pace of the latency measurement, in jobs per second.
	PacedRate float64            `json:"paced_rate"`
	Subjects  map[string]figures `json:"subjects"`
}

// figures are one subject's measurements in one round.
type figures struct {
	throughput
	latency
}

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "jobsbench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("jobsbench", flag.ContinueOnError)
	dbURL := fs.String("db", "", "database URL (file:... or postgres://...); migrated first")
	n := fs.Int("jobs", 2000, "jobs per throughput measurement; half as many for the latency")
	rounds := fs.Int("rounds", 10, "rounds; each measures both subjects")
	workers := fs.Int("workers", 10, "jobs run at a time (the app's JOBS_CONCURRENCY)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dbURL == "" {
		return errors.New("-db is required")
	}
	if *n < 2 || *rounds < 1 || *workers < 1 {
		return errors.New("-jobs must be at least 2, -rounds and -workers at least 1")
	}

	database, err := db.Open(ctx, config.DatabaseConfig{URL: *dbURL})
	if err != nil {
		return err
	}
	defer database.Close()
	if err := database.Migrate(ctx); err != nil {
		return err
	}

	subjects := map[string]newSubject{"tracks": newTracks, "river": newRiver}
	out := report{Driver: db.Driver, Jobs: *n, PacedJobs: *n / 2, Workers: *workers}
	for i := range *rounds {
		order := []string{"tracks", "river"}
		if i%2 == 1 {
			slices.Reverse(order)
		}
		r := round{First: order[0], Subjects: map[string]figures{}}
		for _, name := range order {
			t, err := measureThroughput(ctx, database, subjects[name], *workers, *n)
			if err != nil {
				return fmt.Errorf("round %d, %s: %w", i+1, name, err)
			}
			r.Subjects[name] = figures{throughput: t}
		}
		r.PacedRate = r.Subjects["river"].CompletedPerS / 2
		for _, name := range order {
			l, err := measureLatency(ctx, database, subjects[name], *workers, out.PacedJobs, r.PacedRate)
			if err != nil {
				return fmt.Errorf("round %d, %s: %w", i+1, name, err)
			}
			f := r.Subjects[name]
			f.latency = l
			r.Subjects[name] = f
		}
		out.Rounds = append(out.Rounds, r)
		t, rv := r.Subjects["tracks"], r.Subjects["river"]
		fmt.Fprintf(stderr, "round %d, tracks vs river: enqueued/s %.0f vs %.0f, completed/s %.0f vs %.0f,"+
			" p50/p99 at %.0f/s %.0f/%.0f ms vs %.0f/%.0f ms\n",
			i+1, t.EnqueuedPerS, rv.EnqueuedPerS, t.CompletedPerS, rv.CompletedPerS,
			r.PacedRate, t.P50Ms, t.P99Ms, rv.P50Ms, rv.P99Ms)
	}
	return json.NewEncoder(stdout).Encode(out)
}
