// Package resiliencetest helps test how calls to an outside service behave when the service
// goes away mid-run and comes back.
package resiliencetest

import (
	"io"
	"net"
	"sync"
	"testing"
)

// Proxy forwards TCP connections from a loopback address to a service. Stop takes the service
// away from its clients (new connections are refused, open ones are cut) and Start brings it
// back on the same address, so a client keeps the one address throughout.
type Proxy struct {
	t      testing.TB
	target string
	addr   string

	mu       sync.Mutex
	listener net.Listener
	conns    map[net.Conn]struct{}
	wg       sync.WaitGroup
}

// NewProxy starts a Proxy to target (host:port), stopped when the test ends.
func NewProxy(t testing.TB, target string) *Proxy {
	t.Helper()
	p := &Proxy{t: t, target: target, addr: "127.0.0.1:0", conns: map[net.Conn]struct{}{}}
	p.Start()
	t.Cleanup(p.Stop)
	return p
}

// Addr returns the proxy's address, host:port.
func (p *Proxy) Addr() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.addr
}

// URL returns the proxy's address as an http:// URL.
func (p *Proxy) URL() string { return "http://" + p.Addr() }

// Start listens again, on the address the proxy had; it does nothing while the proxy runs.
func (p *Proxy) Start() {
	p.t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.listener != nil {
		return
	}
	ln, err := new(net.ListenConfig).Listen(p.t.Context(), "tcp", p.addr)
	if err != nil {
		p.t.Fatalf("proxy: listen on %s: %v", p.addr, err)
	}
	p.listener, p.addr = ln, ln.Addr().String()
	p.wg.Add(1)
	go p.accept(ln)
}

// Stop closes the listener and every open connection, and waits for them to end.
func (p *Proxy) Stop() {
	p.mu.Lock()
	if p.listener != nil {
		_ = p.listener.Close()
		p.listener = nil
	}
	for conn := range p.conns {
		_ = conn.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
}

func (p *Proxy) accept(ln net.Listener) {
	defer p.wg.Done()
	for {
		client, err := ln.Accept()
		if err != nil {
			return // closed by Stop
		}
		service, err := new(net.Dialer).DialContext(p.t.Context(), "tcp", p.target)
		if err != nil {
			_ = client.Close()
			continue
		}
		if !p.track(client, service) {
			return
		}
		p.wg.Add(2)
		go p.pipe(service, client)
		go p.pipe(client, service)
	}
}

// track records an accepted connection pair, unless Stop closed the listener meanwhile.
func (p *Proxy) track(conns ...net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.listener == nil {
		for _, conn := range conns {
			_ = conn.Close()
		}
		return false
	}
	for _, conn := range conns {
		p.conns[conn] = struct{}{}
	}
	return true
}

// pipe copies from src to dst until either side ends, then closes both.
func (p *Proxy) pipe(dst, src net.Conn) {
	defer p.wg.Done()
	_, _ = io.Copy(dst, src) // ends with an error when Stop cuts the connection
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, conn := range []net.Conn{dst, src} {
		_ = conn.Close()
		delete(p.conns, conn)
	}
}
