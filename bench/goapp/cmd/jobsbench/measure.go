package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"example.com/myapp/internal/db"
)

// phaseTimeout bounds one measurement: a subject that stops running jobs fails the run
// instead of hanging it.
const phaseTimeout = 5 * time.Minute

// throughput is how fast a subject enqueues jobs, and then runs them to completion.
type throughput struct {
	EnqueuedPerS  float64 `json:"enqueued_per_s"`
	CompletedPerS float64 `json:"completed_per_s"`
}

// latency is how soon a job starts after Enqueue when jobs arrive at a steady pace.
type latency struct {
	// PacedPerS is the rate at which the jobs were actually enqueued.
	PacedPerS float64 `json:"paced_per_s"`
	P50Ms     float64 `json:"p50_ms"`
	P99Ms     float64 `json:"p99_ms"`
}

// measureThroughput enqueues n jobs with the workers stopped, then starts them and waits until
// the database has every job completed.
func measureThroughput(ctx context.Context, database *db.DB, newQueue newSubject, workers, n int) (throughput, error) {
	ctx, cancel := context.WithTimeout(ctx, phaseTimeout)
	defer cancel()
	var rec recorder
	queue, err := prepare(ctx, database, newQueue, workers, &rec)
	if err != nil {
		return throughput{}, err
	}
	rec.expect(n)
	begin := time.Now()
	for range n {
		if err := queue.enqueue(ctx, noop{EnqueuedAt: time.Now().UnixNano()}); err != nil {
			return throughput{}, err
		}
	}
	enqueued := time.Since(begin)

	begin = time.Now()
	if err := queue.start(ctx); err != nil {
		return throughput{}, err
	}
	if _, err := rec.wait(ctx); err != nil {
		return throughput{}, errors.Join(fmt.Errorf("waiting for the jobs to start: %w", err), queue.stop(ctx))
	}
	if err := waitCompleted(ctx, database, n); err != nil {
		return throughput{}, errors.Join(err, queue.stop(ctx))
	}
	completed := time.Since(begin)
	if err := queue.stop(ctx); err != nil {
		return throughput{}, err
	}
	return throughput{
		EnqueuedPerS:  float64(n) / enqueued.Seconds(),
		CompletedPerS: float64(n) / completed.Seconds(),
	}, nil
}

// measureLatency starts the workers, then enqueues n jobs at rate jobs per second and records
// how long each waited to start.
func measureLatency(ctx context.Context, database *db.DB, newQueue newSubject, workers, n int, rate float64) (latency, error) {
	ctx, cancel := context.WithTimeout(ctx, phaseTimeout)
	defer cancel()
	var rec recorder
	queue, err := prepare(ctx, database, newQueue, workers, &rec)
	if err != nil {
		return latency{}, err
	}
	rec.expect(n)
	if err := queue.start(ctx); err != nil {
		return latency{}, err
	}
	// Let the client settle (leader election, the first fetch) before the first job.
	time.Sleep(200 * time.Millisecond)

	interval := time.Duration(float64(time.Second) / rate)
	begin := time.Now()
	for i := range n {
		// Each job has its slot on a fixed schedule: a slow Enqueue delays the next one only
		// until the schedule is caught up with.
		if d := time.Until(begin.Add(time.Duration(i) * interval)); d > 0 {
			time.Sleep(d)
		}
		if err := queue.enqueue(ctx, noop{EnqueuedAt: time.Now().UnixNano()}); err != nil {
			return latency{}, errors.Join(err, queue.stop(ctx))
		}
	}
	paced := time.Since(begin)
	waits, err := rec.wait(ctx)
	if err != nil {
		return latency{}, errors.Join(fmt.Errorf("waiting for the jobs to start: %w", err), queue.stop(ctx))
	}
	if err := queue.stop(ctx); err != nil {
		return latency{}, err
	}
	slices.Sort(waits)
	return latency{
		PacedPerS: float64(n) / paced.Seconds(),
		P50Ms:     milliseconds(percentile(waits, 50)),
		P99Ms:     milliseconds(percentile(waits, 99)),
	}, nil
}

// prepare empties the job table and builds a queue whose handler reports to rec.
func prepare(ctx context.Context, database *db.DB, newQueue newSubject, workers int, rec *recorder) (subject, error) {
	if err := clearJobs(ctx, database.Write); err != nil {
		return nil, fmt.Errorf("clear the job table: %w", err)
	}
	return newQueue(database, workers, rec)
}

// waitCompleted polls until n jobs are completed in the database. The handlers have all run
// by then; River records their completion in batches, shortly after.
func waitCompleted(ctx context.Context, database *db.DB, n int) error {
	for {
		var completed int
		err := database.Read.QueryRowContext(ctx,
			`SELECT count(*) FROM river_job WHERE state = 'completed'`).Scan(&completed)
		if err != nil {
			return fmt.Errorf("count completed jobs: %w", err)
		}
		if completed >= n {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%d of %d jobs completed: %w", completed, n, ctx.Err())
		case <-time.After(2 * time.Millisecond):
		}
	}
}

// percentile is the nearest-rank p-th percentile of sorted, which must not be empty.
func percentile(sorted []time.Duration, p int) time.Duration {
	rank := (len(sorted)*p + 99) / 100
	return sorted[max(rank, 1)-1]
}

func milliseconds(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
