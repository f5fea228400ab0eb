// Package tasks holds the application's background jobs, one file per kind, made with
// `make job`: the job's arguments, stored as JSON while the job waits, and the handler that
// does the work. internal/app/tasks.go registers each handler; code that starts a job depends
// on jobs.Enqueuer and enqueues the arguments.
package tasks
