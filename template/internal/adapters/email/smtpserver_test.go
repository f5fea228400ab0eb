package email

import (
	"bytes"
	"cmp"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"errors"
	"io"
	"math/big"
	"net"
	"net/textproto"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Credentials the test server accepts.
const (
	testUsername = "mailer"
	testPassword = "s3cret pass"
)

// serverOptions configures a testServer.
type serverOptions struct {
	// startTLS offers STARTTLS; implicitTLS speaks TLS from the first byte.
	startTLS, implicitTLS bool
	// requireAuth refuses MAIL before a successful AUTH PLAIN, which is always offered.
	requireAuth bool
	// silent accepts connections but never answers, like a server that hangs.
	silent bool
	// host is the loopback address to listen on; 127.0.0.1 when empty.
	host string
}

// received is a message the test server accepted.
type received struct {
	Hello string
	// AuthUser is the user that authenticated, empty when the client did not.
	AuthUser string
	// TLS reports whether the message came over an encrypted connection.
	TLS  bool
	From string
	To   []string
	// Data is the message after dot-unstuffing, with its CRLF line endings.
	Data []byte
}

// testServer is a small SMTP server (RFC 5321) on 127.0.0.1 that records the messages it
// accepts. It speaks EHLO/HELO, STARTTLS, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP and QUIT.
type testServer struct {
	t    *testing.T
	opts serverOptions
	// Host and Port are where the server listens.
	Host string
	Port int
	// RootCAs trusts the server's certificate.
	RootCAs *x509.CertPool
	tls     *tls.Config

	mu       sync.Mutex
	messages []received
	conns    map[net.Conn]struct{}
	wg       sync.WaitGroup
}

// startServer starts a test server that stops when the test ends.
func startServer(t *testing.T, opts serverOptions) *testServer {
	t.Helper()
	cert, roots := selfSignedCertificate(t)
	s := &testServer{
		t:       t,
		opts:    opts,
		RootCAs: roots,
		tls:     &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		conns:   map[net.Conn]struct{}{},
	}
	addr := net.JoinHostPort(cmp.Or(opts.host, "127.0.0.1"), "0")
	var ln net.Listener
	var err error
	if opts.implicitTLS {
		ln, err = tls.Listen("tcp", addr, s.tls)
	} else {
		ln, err = net.Listen("tcp", addr)
	}
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	tcpAddr := ln.Addr().(*net.TCPAddr)
	s.Host, s.Port = tcpAddr.IP.String(), tcpAddr.Port

	s.wg.Go(func() { s.accept(ln) })
	t.Cleanup(func() {
		_ = ln.Close()
		s.mu.Lock()
		for conn := range s.conns {
			_ = conn.Close()
		}
		s.mu.Unlock()
		s.wg.Wait()
	})
	return s
}

// Messages returns the messages accepted so far.
func (s *testServer) Messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.messages...)
}

func (s *testServer) accept(ln net.Listener) {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		s.conns[conn] = struct{}{}
		s.mu.Unlock()
		s.wg.Go(func() {
			defer func() {
				s.mu.Lock()
				delete(s.conns, conn)
				s.mu.Unlock()
				_ = conn.Close()
			}()
			// I/O errors, TLS handshakes the client aborts included, merely end the session;
			// a client that breaks the protocol fails the test.
			var violation protocolError
			if err := s.serve(conn); errors.As(err, &violation) {
				s.t.Errorf("test SMTP server: %v", err)
			}
		})
	}
}

// serve runs one SMTP session.
func (s *testServer) serve(conn net.Conn) error {
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	if s.opts.silent {
		_, _ = io.Copy(io.Discard, conn)
		return nil
	}
	text := textproto.NewConn(conn)
	_, encrypted := conn.(*tls.Conn)
	var session received
	reset := func() {
		session = received{Hello: session.Hello, AuthUser: session.AuthUser, TLS: encrypted}
	}
	reset()
	reply := func(format string, args ...any) error { return text.PrintfLine(format, args...) }
	if err := reply("220 127.0.0.1 test ESMTP ready"); err != nil {
		return err
	}

	for {
		line, err := text.ReadLine()
		if err != nil {
			return nil // the client hung up
		}
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			session.Hello = arg
			extensions := []string{"127.0.0.1 greets " + arg, "8BITMIME", "AUTH PLAIN"}
			if s.opts.startTLS && !encrypted {
				extensions = append(extensions, "STARTTLS")
			}
			for i, ext := range extensions {
				separator := "-"
				if i == len(extensions)-1 {
					separator = " "
				}
				err = reply("250%s%s", separator, ext)
			}
		case "HELO":
			session.Hello = arg
			err = reply("250 127.0.0.1")
		case "STARTTLS":
			if !s.opts.startTLS || encrypted {
				err = reply("502 5.5.1 STARTTLS not available")
				break
			}
			if err := reply("220 2.0.0 Ready to start TLS"); err != nil {
				return err
			}
			tlsConn := tls.Server(conn, s.tls)
			if err := tlsConn.Handshake(); err != nil {
				return err
			}
			// RFC 3207: the client starts over with EHLO and forgets what it knew.
			text, encrypted = textproto.NewConn(tlsConn), true
			session = received{TLS: true}
		case "AUTH":
			err = s.auth(text, arg, &session)
		case "MAIL":
			switch {
			case session.Hello == "":
				err = reply("503 5.5.1 Say EHLO first")
			case s.opts.requireAuth && session.AuthUser == "":
				err = reply("530 5.7.0 Authentication required")
			default:
				reset()
				session.From, err = path(arg, "FROM:")
				if err == nil {
					err = reply("250 2.1.0 OK")
				}
			}
		case "RCPT":
			if session.From == "" {
				err = reply("503 5.5.1 MAIL first")
				break
			}
			var to string
			if to, err = path(arg, "TO:"); err == nil {
				session.To = append(session.To, to)
				err = reply("250 2.1.5 OK")
			}
		case "DATA":
			if len(session.To) == 0 {
				err = reply("503 5.5.1 RCPT first")
				break
			}
			if err := reply("354 End data with <CR><LF>.<CR><LF>"); err != nil {
				return err
			}
			if session.Data, err = readData(text); err != nil {
				return err
			}
			s.mu.Lock()
			s.messages = append(s.messages, session)
			s.mu.Unlock()
			reset()
			err = reply("250 2.0.0 OK: queued")
		case "RSET":
			reset()
			err = reply("250 2.0.0 OK")
		case "NOOP":
			err = reply("250 2.0.0 OK")
		case "QUIT":
			return reply("221 2.0.0 Bye")
		default:
			err = reply("502 5.5.2 Command not recognized")
		}
		if err != nil {
			return err
		}
	}
}

// protocolError reports a client that broke the SMTP protocol.
type protocolError string

func (e protocolError) Error() string { return string(e) }

// auth handles AUTH PLAIN (RFC 4616), with the credentials in the command or after a 334.
func (s *testServer) auth(text *textproto.Conn, arg string, session *received) error {
	mechanism, response, _ := strings.Cut(arg, " ")
	if !strings.EqualFold(mechanism, "PLAIN") {
		return text.PrintfLine("504 5.5.4 Unrecognized authentication type")
	}
	if response == "" {
		if err := text.PrintfLine("334 "); err != nil {
			return err
		}
		var err error
		if response, err = text.ReadLine(); err != nil {
			return err
		}
	}
	decoded, err := base64.StdEncoding.DecodeString(response)
	fields := bytes.Split(decoded, []byte{0})
	if err != nil || len(fields) != 3 {
		return text.PrintfLine("501 5.5.2 Malformed AUTH PLAIN response")
	}
	if string(fields[1]) != testUsername || string(fields[2]) != testPassword {
		return text.PrintfLine("535 5.7.8 Authentication credentials invalid")
	}
	session.AuthUser = string(fields[1])
	return text.PrintfLine("235 2.7.0 Authentication successful")
}

// path returns the address in "FROM:<address> [parameters]" or "TO:<address>".
func path(arg, prefix string) (string, error) {
	if len(arg) < len(prefix) || !strings.EqualFold(arg[:len(prefix)], prefix) {
		return "", protocolError("malformed path " + strconv.Quote(arg))
	}
	rest := strings.TrimSpace(arg[len(prefix):])
	address, _, ok := strings.Cut(strings.TrimPrefix(rest, "<"), ">")
	if !ok || !strings.HasPrefix(rest, "<") {
		return "", protocolError("malformed path " + strconv.Quote(arg))
	}
	return address, nil
}

// readData reads the message after DATA up to the line holding a single dot, and undoes the
// dot-stuffing (RFC 5321 section 4.5.2). Every line must end with CRLF.
func readData(text *textproto.Conn) ([]byte, error) {
	var data []byte
	for {
		line, err := text.R.ReadString('\n')
		if err != nil {
			return nil, err
		}
		if !strings.HasSuffix(line, "\r\n") {
			return nil, protocolError("bare LF in DATA: " + strconv.Quote(line))
		}
		if line == ".\r\n" {
			return data, nil
		}
		data = append(data, strings.TrimPrefix(line, ".")...)
	}
}

// selfSignedCertificate returns a certificate for 127.0.0.1 and a pool that trusts it.
func selfSignedCertificate(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	template := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "test SMTP server"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: cert}, roots
}
