// Command benchtool prepares and serves the loopback benchmarks of the Tracks template:
//
//	benchtool seed -db file:bench.db              migrate and seed (see benchenv.Seed)
//	benchtool session -db file:bench.db           print a session cookie of the benchmark user
//	benchtool env -db file:bench.db               print the app's environment (KEY=VALUE lines)
//	benchtool baseline -db file:bench.db -addr :N serve the hand-written baseline
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"syscall"
	"time"

	"example.com/myapp/bench/baseline"
	"example.com/myapp/bench/benchenv"
	"example.com/myapp/internal/app"
	"example.com/myapp/internal/config"
	"example.com/myapp/internal/logging"
	"example.com/myapp/internal/session"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "benchtool:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return errors.New("usage: benchtool seed|session|env|baseline -db URL [-addr host:port]")
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	dbURL := fs.String("db", "", "database URL (file:...)")
	addr := fs.String("addr", "127.0.0.1:8081", "listen address of the baseline")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *dbURL == "" {
		return errors.New("-db is required")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	switch args[0] {
	case "seed":
		return benchenv.Seed(ctx, *dbURL)
	case "session":
		return printSession(ctx, *dbURL)
	case "env":
		return printEnv(*dbURL)
	case "baseline":
		return serveBaseline(ctx, *dbURL, *addr)
	default:
		return fmt.Errorf("unknown command %q", args[0])
	}
}

func printSession(ctx context.Context, dbURL string) error {
	cfg, database, err := benchenv.Open(ctx, dbURL, true)
	if err != nil {
		return err
	}
	defer database.Close()
	log := logging.New(io.Discard, config.LevelInfo, config.FormatJSON)
	application, err := app.New(ctx, cfg, log, database)
	if err != nil {
		return err
	}
	cookie, err := benchenv.SignIn(ctx, application, cfg, benchenv.UserEmail)
	if err != nil {
		return err
	}
	fmt.Println(cookie)
	return nil
}

func printEnv(dbURL string) error {
	env := benchenv.Env(dbURL, true)
	for _, key := range slices.Sorted(maps.Keys(env)) {
		fmt.Printf("%s=%s\n", key, env[key])
	}
	return nil
}

func serveBaseline(ctx context.Context, dbURL, addr string) error {
	_, database, err := benchenv.Open(ctx, dbURL, true)
	if err != nil {
		return err
	}
	defer database.Close()
	h, err := baseline.New(ctx, database, session.ProductionCookieName)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/notes", h)
	mux.HandleFunc("/api/health", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok\n") })
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		_ = srv.Shutdown(context.Background())
	}()
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
