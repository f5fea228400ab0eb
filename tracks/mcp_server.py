"""`tracks mcp`: the app's generators and checks as Model Context Protocol tools, for agents.

The tools are tracks/appstate.py's: each runs what a developer would run, with its output
captured, so that nothing reaches stdout but the protocol. A refusal (a validator's message, a
package outside the app, no running server) is a tool error with that message.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError

from tracks import appstate, doctor
from tracks.app import App


def refused(tool: Callable[..., Any]) -> Callable[..., Any]:
    """appstate.Unavailable as the tool's error, with its message."""

    @functools.wraps(tool)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return tool(*args, **kwargs)
        except appstate.Unavailable as error:
            raise ToolError(str(error)) from error

    return wrapper


def build_server(app: App) -> MCPServer:
    server = MCPServer(
        "tracks",
        instructions=(
            f"Tools for the Tracks app in {app.root} (a Go web app: chi, templ, HTMX, sqlc). "
            "Generate with dry_run first to see the files; run_tests after each change. "
            "See AGENTS.md in the app for its layout and conventions."
        ),
    )

    @server.tool()
    @refused
    def generate_resource(
        name: str, fields: list[str], owned: bool = True, dry_run: bool = False
    ) -> dict[str, Any]:
        """Generate a resource (table, queries, service, handlers, views, tests). name is singular
        (post); fields are Rails-style name:type[:modifier…], such as title:string:required,
        body:text or author:references:users. owned=False: records belong to nobody in
        particular. dry_run lists the files and changes nothing."""
        return appstate.generator_result(
            app, ["resource", name, *fields, *([] if owned else ["--not-owned"])], dry_run
        )

    @server.tool()
    @refused
    def generate_migration(name: str, dry_run: bool = False) -> dict[str, Any]:
        """Create an empty goose migration called name (snake_case, such as add_summary_to_posts)."""
        return appstate.generator_result(app, ["migration", name], dry_run)

    @server.tool()
    @refused
    def list_resources() -> dict[str, Any]:
        """The app's generated resources with their fields."""
        return {"resources": appstate.resources(app)}

    @server.tool()
    @refused
    def list_routes() -> dict[str, Any]:
        """The app's route table: method, pattern and handler of every route."""
        return {"routes": appstate.routes(app)}

    @server.tool()
    @refused
    def migration_status() -> dict[str, Any]:
        """Which migrations are applied to the app's database, and which are pending."""
        return {"migrations": appstate.migrations(app)}

    @server.tool()
    @refused
    def run_tests(package: str = "./...") -> dict[str, Any]:
        """Run the app's Go tests (go test -json) for package, a pattern inside the app such as
        ./... or ./internal/posts; the counts and each failure's output."""
        return appstate.run_tests(app, package)

    @server.tool()
    @refused
    def check_health() -> dict[str, Any]:
        """The running app's /api/health: the database and every outside service's state."""
        return appstate.health(app)

    @server.tool(name="doctor")
    def run_doctor() -> dict[str, Any]:
        """Check the tools the app needs (Go, gcc, npm, Copier…), its database and its port."""
        checks = doctor.run_checks(app)
        return {"ok": all(check.ok for check in checks), "checks": [check.as_dict() for check in checks]}

    return server
