-- name: CountJobs :many
-- CountJobs returns the number of stored jobs of each kind in each state. River keeps the jobs
-- in its river_job table, which the river_* migrations create; the cast makes state a string
-- on PostgreSQL too, where it is an enum.
SELECT kind, CAST(state AS TEXT) AS state, COUNT(*) AS count
FROM river_job
GROUP BY kind, state
ORDER BY kind, state;
