// Command server runs the web application and its maintenance tasks.
//
// Usage:
//
//	server [serve]              start the HTTP server (the default)
//	server worker               run background jobs
//	server migrate [up|down|status [--json]|reset]
//	server routes [--json]      list the routes the server answers
//	server jobs [--json]        count the stored jobs of each kind in each state
//	server seed                 load development seed data
//	server health [-url URL]    exit 0 when the running server is alive, 1 otherwise
//	server admin grant|revoke --email EMAIL --role ROLE
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args, os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "error: %v\n", err)
		os.Exit(1)
	}
}

// run executes the subcommand named in args[1] (serve by default). It returns when the command
// is done or, for serve, after ctx is cancelled and the server has shut down.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	command, rest := "serve", []string(nil)
	if len(args) > 1 {
		command, rest = args[1], args[2:]
	}

	switch command {
	case "serve":
		return serve(ctx, getenv, stdout, stderr)
	case "worker":
		return worker(ctx, getenv, stdout, stderr)
	case "migrate":
		return migrate(ctx, rest, getenv, stdout)
	case "routes":
		return routes(ctx, rest, getenv, stdout, stderr)
	case "jobs":
		return jobCounts(ctx, rest, getenv, stdout, stderr)
	case "seed":
		return seed(ctx, getenv, stdout)
	case "health":
		return health(ctx, rest, getenv, stdout)
	case "admin":
		return admin(ctx, rest, getenv, stdout)
	case "version":
		_, err := fmt.Fprintln(stdout, version)
		return err
	case "help", "-h", "--help":
		return usage(stdout)
	default:
		_ = usage(stderr)
		return fmt.Errorf("unknown command %q", command)
	}
}

func usage(w io.Writer) error {
	_, err := fmt.Fprint(w, `Usage: server [command]

Commands:
  serve                    start the HTTP server (default); it also runs background jobs
                           unless JOBS_IN_PROCESS=false
  worker                   run background jobs (any number of workers may run)
  migrate [up|down|status] apply, roll back one, or list database migrations
                           (status --json: as JSON); migrate reset empties the database
                           (not in production)
  routes [--json]          list the routes the server answers
  jobs [--json]            count the stored jobs of each kind in each state
  seed                     load development seed data (idempotent)
  health [-url URL]        exit 0 if the running server answers its liveness probe
  admin grant|revoke --email EMAIL --role ROLE
                           give or take a role (e.g. the first admin); audited
  version                  print the build version
`)
	return err
}
