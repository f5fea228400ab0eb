// Package middleware holds the HTTP middleware shared by every route.
//
// Each middleware handles one concern and relies only on what the middleware
// before it has done, so the stack is applied in this order:
//
//  1. RequestID gives the request an ID before anything can log.
//  2. RealIP replaces r.RemoteAddr with the client address when the request
//     came through a trusted proxy, so everything after it sees the real client.
//  3. Logger puts a logger carrying the request ID into the context and writes
//     one access line per request; it sits outside Recoverer so that requests
//     ending in a panic are logged with their 500.
//  4. SecureHeaders sets the CSP nonce and security headers before any page,
//     including the error pages served by Recoverer and RateLimit, is rendered.
//  5. Recoverer turns a panic into the internal error page.
//  6. chi's middleware.Compress(5, …) compresses text responses.
//  7. CacheControl marks responses no-store unless the handler chose a policy.
//  8. chi's middleware.Timeout bounds the time a handler may take.
//
// RateLimit is applied per route group, after the stack, to the routes that
// need it; health probes and static assets stay unlimited.
package middleware
