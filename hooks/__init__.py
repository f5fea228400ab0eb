"""Tasks Copier runs after rendering a new Tracks app."""
