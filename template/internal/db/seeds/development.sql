-- Sample data for local development (`make db-seed`). Every statement must be safe to run
-- again, hence ON CONFLICT DO NOTHING. The ids are fixed UUIDv7 values.

INSERT INTO users (id, email, username, display_name)
VALUES ('01943f6e-8c00-7000-8000-000000000001', 'demo@example.com', 'demo', 'Demo User')
ON CONFLICT DO NOTHING;

INSERT INTO users (id, email, username, display_name)
VALUES ('01943f6e-8c00-7000-8000-000000000002', 'jane@example.com', 'jane', 'Jane Example')
ON CONFLICT DO NOTHING;
