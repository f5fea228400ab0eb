package http

import "github.com/go-chi/chi/v5"

// resourceRoutes mounts the routes of the resources made with `make resource`: one line per
// resource, added above the marker by the generator, calls the mount function in the resource's
// own routes file. Each resource decides there which of its routes need a signed-in user.
//
// This file belongs to the application: template updates never change it.
func (s *Server) resourceRoutes(r chi.Router) {
	_ = r // unused until the first resource is generated
	// tracks:resources
}
