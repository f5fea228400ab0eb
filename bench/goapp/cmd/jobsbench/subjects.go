package main

import (
	"context"
	"database/sql"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/rs/zerolog"

	"example.com/myapp/internal/db"
	"example.com/myapp/internal/jobs"
)

// noop is the job both subjects run: its handler only notes when it started.
type noop struct {
	// EnqueuedAt is when the job was handed to Enqueue, in Unix nanoseconds.
	EnqueuedAt int64 `json:"enqueued_at"`
}

// Kind names the job, for the app's jobs package and for River alike.
func (noop) Kind() string { return "bench_noop" }

// subject is a job queue under measurement. Both subjects share the database, its pools and
// the number of workers; only the layer between the caller and River differs.
type subject interface {
	enqueue(ctx context.Context, args noop) error
	start(ctx context.Context) error
	stop(ctx context.Context) error
}

// newSubject builds a subject whose handler reports every job it starts to rec.
type newSubject func(database *db.DB, workers int, rec *recorder) (subject, error)

// tracksQueue is the app's database queue, built as internal/app builds it.
type tracksQueue struct{ client *jobs.Client }

func newTracks(database *db.DB, workers int, rec *recorder) (subject, error) {
	kinds := jobs.NewKinds()
	jobs.Register(kinds, func(_ context.Context, job jobs.Job[noop]) error {
		rec.started(job.Args)
		return nil
	}, jobs.KindConfig{})
	log := zerolog.New(os.Stderr).Level(zerolog.WarnLevel)
	client, err := jobs.NewClient(database, kinds, jobs.Config{
		Concurrency:  workers,
		RetryBase:    2 * time.Second,
		PollInterval: time.Second,
	}, log)
	if err != nil {
		return nil, err
	}
	return tracksQueue{client: client}, nil
}

func (q tracksQueue) enqueue(ctx context.Context, args noop) error {
	_, err := q.client.Enqueue(ctx, args)
	return err
}

func (q tracksQueue) start(ctx context.Context) error { return q.client.Start(ctx) }
func (q tracksQueue) stop(ctx context.Context) error  { return q.client.Stop(ctx) }

// riverQueue is River's client used directly, on the same pool and with the same number of
// workers and fetch intervals as the app's queue.
type riverQueue struct{ client *river.Client[*sql.Tx] }

func newRiver(database *db.DB, workers int, rec *recorder) (subject, error) {
	registry := river.NewWorkers()
	if err := river.AddWorkerSafely(registry, &noopWorker{rec: rec}); err != nil {
		return nil, err
	}
	client, err := newRiverClient(database.Write, &river.Config{
		Logger:            slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
		FetchCooldown:     100 * time.Millisecond,
		FetchPollInterval: time.Second,
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: workers}},
		Workers:           registry,
	})
	if err != nil {
		return nil, err
	}
	return riverQueue{client: client}, nil
}

func (q riverQueue) enqueue(ctx context.Context, args noop) error {
	_, err := q.client.Insert(ctx, args, nil)
	return err
}

func (q riverQueue) start(ctx context.Context) error { return q.client.Start(ctx) }
func (q riverQueue) stop(ctx context.Context) error  { return q.client.Stop(ctx) }

// noopWorker is River's worker for noop jobs.
type noopWorker struct {
	river.WorkerDefaults[noop]
	rec *recorder
}

func (w *noopWorker) Work(_ context.Context, job *river.Job[noop]) error {
	w.rec.started(job.Args)
	return nil
}

// recorder collects the time from enqueue to start of the jobs the handlers run, and says when
// the expected number have started.
type recorder struct {
	mu    sync.Mutex
	waits []time.Duration
	want  int
	done  chan struct{}
}

// expect forgets what was recorded and waits for n jobs.
func (r *recorder) expect(n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.waits = make([]time.Duration, 0, n)
	r.want = n
	r.done = make(chan struct{})
}

// started records a job that a handler has just started.
func (r *recorder) started(args noop) {
	wait := time.Since(time.Unix(0, args.EnqueuedAt))
	r.mu.Lock()
	defer r.mu.Unlock()
	r.waits = append(r.waits, wait)
	if len(r.waits) == r.want {
		close(r.done)
	}
}

// wait returns the recorded waits once the expected jobs have all started, or ctx's error.
func (r *recorder) wait(ctx context.Context) ([]time.Duration, error) {
	r.mu.Lock()
	done := r.done
	r.mu.Unlock()
	select {
	case <-done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.waits, nil
}
