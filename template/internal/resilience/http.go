package resilience

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxErrorBody is how much of an error answer's body a StatusError keeps.
const maxErrorBody = 512

// StatusError is an HTTP answer that is not a success.
type StatusError struct {
	Code int
	// Body is the start of the answer's body, which usually says what went wrong.
	Body string
}

func (e *StatusError) Error() string {
	if e.Body == "" {
		return fmt.Sprintf("HTTP %d", e.Code)
	}
	return fmt.Sprintf("HTTP %d: %s", e.Code, e.Body)
}

// CheckHTTP classifies an answer of an HTTP API: nil for a 2xx; for a 429, an error to retry
// after the answer's Retry-After; for a 5xx, an error to retry; for any other status, a
// Permanent error: the service works, but refuses the request as it is. The body of an answer
// that is not a success is read (in part) and closed.
func CheckHTTP(resp *http.Response) error {
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	_ = resp.Body.Close()
	err := &StatusError{Code: resp.StatusCode, Body: strings.TrimSpace(string(body))}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		return RetryAfter(err, retryAfter(resp.Header.Get("Retry-After"), time.Now()))
	case resp.StatusCode >= 500:
		return err
	default:
		return Permanent(err)
	}
}

// retryAfter reads a Retry-After header: a number of seconds or an HTTP date. It is 0 when the
// header is missing or malformed.
func retryAfter(value string, now time.Time) time.Duration {
	if value == "" {
		return 0
	}
	if seconds, err := strconv.Atoi(value); err == nil {
		return time.Duration(max(seconds, 0)) * time.Second
	}
	if at, err := http.ParseTime(value); err == nil {
		return max(at.Sub(now), 0)
	}
	return 0
}
