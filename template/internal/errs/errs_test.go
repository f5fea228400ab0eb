package errs

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestKindOf(t *testing.T) {
	cause := errors.New("UNIQUE constraint failed: posts.title")
	tests := []struct {
		name string
		err  error
		want Kind
	}{
		{"nil", nil, ""},
		{"no kind", errors.New("disk full"), ""},
		{"wrapped kind", fmt.Errorf("get post %q: %w", "x", NotFound), NotFound},
		{"validation", fmt.Errorf("create: %w", &ValidationError{What: "post", Fields: Fields{"title": "is required"}}), Invalid},
		{"conflict", fmt.Errorf("create: %w", &FieldError{Kind: Conflict, Field: "title", Err: cause}), Conflict},
		{"reference", &FieldError{Kind: Reference, Err: cause}, Reference},
		{"forbidden", Forbidden, Forbidden},
		{"unavailable", fmt.Errorf("send: %w", Unavailable), Unavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, KindOf(tt.err))
		})
	}
}

func TestValidationError(t *testing.T) {
	err := fmt.Errorf("update: %w", &ValidationError{What: "post", Fields: Fields{"title": "is required", "body": "is too long"}})

	assert.EqualError(t, err, "update: invalid post: body is too long; title is required", "fields in a stable order")
	invalid, ok := AsValidation(err)
	assert.True(t, ok)
	assert.Equal(t, "is required", invalid.Fields["title"])
	_, ok = AsValidation(NotFound)
	assert.False(t, ok)
}

func TestFieldError(t *testing.T) {
	cause := errors.New("UNIQUE constraint failed: posts.title")
	err := fmt.Errorf("create post: %w", &FieldError{Kind: Conflict, Field: "title", Err: cause})

	assert.ErrorIs(t, err, Conflict)
	assert.ErrorIs(t, err, cause, "the database's error stays in the chain")
	assert.NotErrorIs(t, err, Reference)
	assert.EqualError(t, err, "create post: conflict on title: UNIQUE constraint failed: posts.title")

	conflict, ok := AsField(err, Conflict)
	assert.True(t, ok)
	assert.Equal(t, "title", conflict.Field)
	_, ok = AsField(err, Reference)
	assert.False(t, ok, "a conflict is no reference error")
}
