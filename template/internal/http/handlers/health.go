package handlers

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/rs/zerolog"
)

// healthCheckTimeout bounds how long the health endpoints wait for their checks.
const healthCheckTimeout = 5 * time.Second

// HealthCheck is one named dependency check. Check returns nil when the dependency is usable.
type HealthCheck struct {
	Name  string
	Check func(ctx context.Context) error
}

// Service is an outside service the application calls through a circuit breaker, such as an
// email provider.
type Service interface {
	Name() string
	// State is the state of its breaker: "closed", "half-open" or "open".
	State() string
}

// HealthHandler serves the liveness, readiness and health endpoints used by load balancers,
// Kubernetes probes and the `server health` command.
type HealthHandler struct {
	// Services are listed with the state of their breakers. A service whose breaker is not
	// closed makes the application "degraded", not unhealthy: every instance calls the same
	// service, so taking this one out of service would not help.
	Services []Service

	checks []HealthCheck
	now    func() time.Time
}

// NewHealthHandler returns a HealthHandler running the given checks. Every check is critical:
// one failure makes the application unhealthy.
func NewHealthHandler(checks ...HealthCheck) *HealthHandler {
	return &HealthHandler{checks: checks, now: time.Now}
}

type checkResult struct {
	Status    string  `json:"status"`
	LatencyMS float64 `json:"latency_ms"`
}

type healthResponse struct {
	Status    string                 `json:"status"`
	Timestamp time.Time              `json:"timestamp"`
	Checks    map[string]checkResult `json:"checks,omitempty"`
	Services  map[string]string      `json:"services,omitempty"`
}

// Health handles GET /api/health: it runs every check and answers 200, or 503 when any fails.
func (h *HealthHandler) Health(w http.ResponseWriter, r *http.Request) {
	h.respond(w, r, "healthy", "unhealthy")
}

// Ready handles GET /api/health/ready: like Health, for readiness probes.
func (h *HealthHandler) Ready(w http.ResponseWriter, r *http.Request) {
	h.respond(w, r, "ready", "unavailable")
}

// Live handles GET /api/health/live: it answers 200 while the process serves requests and
// checks no dependency, so a database outage never restarts the process.
func (h *HealthHandler) Live(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, r, http.StatusOK, healthResponse{Status: "alive", Timestamp: h.now().UTC()})
}

func (h *HealthHandler) respond(w http.ResponseWriter, r *http.Request, okStatus, failStatus string) {
	results, healthy := h.run(r.Context())
	resp := healthResponse{Status: okStatus, Timestamp: h.now().UTC(), Checks: results}
	status := http.StatusOK
	if len(h.Services) > 0 {
		resp.Services = make(map[string]string, len(h.Services))
		for _, s := range h.Services {
			resp.Services[s.Name()] = s.State()
			if s.State() != "closed" {
				resp.Status = "degraded"
			}
		}
	}
	if !healthy {
		resp.Status, status = failStatus, http.StatusServiceUnavailable
	}
	writeJSON(w, r, status, resp)
}

// run executes the checks concurrently. Failures are logged, not returned to the client, since
// error text can reveal hosts and credentials.
func (h *HealthHandler) run(ctx context.Context) (map[string]checkResult, bool) {
	ctx, cancel := context.WithTimeout(ctx, healthCheckTimeout)
	defer cancel()

	var (
		mu      sync.Mutex
		wg      sync.WaitGroup
		results = make(map[string]checkResult, len(h.checks))
		healthy = true
	)
	for _, c := range h.checks {
		wg.Go(func() {
			start := time.Now()
			err := c.Check(ctx)
			res := checkResult{Status: "ok", LatencyMS: float64(time.Since(start).Microseconds()) / 1000}
			if err != nil {
				res.Status = "failed"
				zerolog.Ctx(ctx).Error().Err(err).Str("check", c.Name).Msg("health check failed")
			}

			mu.Lock()
			defer mu.Unlock()
			results[c.Name] = res
			healthy = healthy && err == nil
		})
	}
	wg.Wait()
	return results, healthy
}
