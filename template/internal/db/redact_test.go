package db

import "testing"

func TestRedactURL(t *testing.T) {
	tests := []struct {
		name, url, want string
	}{
		{"postgres password", "postgres://app:s3cret@db:5432/app?sslmode=disable", "postgres://app:xxxxx@db:5432/app?sslmode=disable"},
		{"password parameter", "postgres://db/app?password=s3cret", "postgres://db/app?password=xxxxx"},
		{"turso token", "libsql://app.turso.io?authToken=s3cret", "libsql://app.turso.io?authToken=xxxxx"},
		{"key=value string", "host=db password=s3cret user=app", "host=db password=xxxxx user=app"},
		{"quoted key=value password", `host=db password='s3 cr\'et' user=app`, "host=db password=xxxxx user=app"},
		{"local file", "file:data/app.db", "file:data/app.db"},
		{"file path", "data/app.db", "data/app.db"},
		{"unparsable", "postgres://app:s3cret@db:port/app", "(unparsable URL)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RedactURL(tt.url); got != tt.want {
				t.Errorf("RedactURL(%q) = %q, want %q", tt.url, got, tt.want)
			}
		})
	}
}
