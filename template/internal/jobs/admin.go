package jobs

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// What the jobs page (/admin/jobs) reads: the number of jobs per kind and state, and the jobs
// that failed. Retry and Discard, its two actions, are in river.go.

// States returns the states of a stored job in the order a job goes through them: waiting
// (available, scheduled, pending), running, failed with attempts left (retryable), and
// finished (completed, cancelled, discarded). JobInfo.State is one of them.
func States() []string {
	return []string{
		string(rivertype.JobStateAvailable), string(rivertype.JobStateScheduled),
		string(rivertype.JobStatePending), string(rivertype.JobStateRunning),
		string(rivertype.JobStateRetryable), string(rivertype.JobStateCompleted),
		string(rivertype.JobStateCancelled), string(rivertype.JobStateDiscarded),
	}
}

// KindCount is the number of stored jobs of one kind in each state.
type KindCount struct {
	Kind string
	// ByState maps a state to its number of jobs; a state with none is absent.
	ByState map[string]int
}

// Total is the number of stored jobs of the kind.
func (k KindCount) Total() int {
	total := 0
	for _, n := range k.ByState {
		total += n
	}
	return total
}

// Counts returns the number of stored jobs of each kind in each state, by kind name. Every
// registered kind is listed, with or without jobs, and so is a kind that is no longer
// registered but still has jobs stored. River deletes completed and cancelled jobs after a
// day and discarded ones after a week, so the counts of finished jobs cover about that long.
func (c *Client) Counts(ctx context.Context) ([]KindCount, error) {
	rows, err := c.read.CountJobs(ctx)
	if err != nil {
		return nil, fmt.Errorf("count jobs: %w", err)
	}
	byKind := map[string]map[string]int{}
	for _, name := range c.kinds.order {
		byKind[name] = map[string]int{}
	}
	for _, row := range rows {
		if byKind[row.Kind] == nil {
			byKind[row.Kind] = map[string]int{}
		}
		byKind[row.Kind][row.State] = int(row.Count)
	}
	counts := make([]KindCount, 0, len(byKind))
	for kind, byState := range byKind {
		counts = append(counts, KindCount{Kind: kind, ByState: byState})
	}
	slices.SortFunc(counts, func(a, b KindCount) int { return cmp.Compare(a.Kind, b.Kind) })
	return counts, nil
}

// Failed returns at most limit jobs that failed: those waiting for another attempt
// (retryable) and those that used all their attempts (discarded), newest first.
func (c *Client) Failed(ctx context.Context, limit int) ([]JobInfo, error) {
	params := river.NewJobListParams().
		States(rivertype.JobStateRetryable, rivertype.JobStateDiscarded).
		OrderBy(river.JobListOrderByID, river.SortOrderDesc).
		First(limit)
	res, err := c.river.JobList(ctx, params)
	if err != nil {
		return nil, fmt.Errorf("list failed jobs: %w", err)
	}
	failed := make([]JobInfo, len(res.Jobs))
	for i, row := range res.Jobs {
		failed[i] = jobInfo(row)
	}
	return failed, nil
}
