// Package logtest helps tests read what a logger wrote.
package logtest

import (
	"bytes"
	"sync"
)

// Buffer collects log lines that other goroutines (a server, a background job) write while the
// test reads them, which a bytes.Buffer alone would race on. The zero value is ready to use.
type Buffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p; it is the io.Writer a logger is given.
func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
