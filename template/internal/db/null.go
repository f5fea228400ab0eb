package db

// Optional returns &v when valid and nil otherwise: a nullable column's value as a pointer.
func Optional[T any](v T, valid bool) *T {
	if !valid {
		return nil
	}
	return &v
}

// Deref returns *p, or the zero value when p is nil: a pointer as a nullable column's value.
func Deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}
