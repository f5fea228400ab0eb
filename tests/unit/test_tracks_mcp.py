"""`tracks mcp`: a real MCP client session (the SDK's, over stdio) with the server in an app."""

from __future__ import annotations

import asyncio
import json
import os
import re
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from mcp import ClientSession, StdioServerParameters, stdio_client

import copier
from tracks.appstate import summarise_go_test

REPO = Path(__file__).resolve().parents[2]
TOOLS = {
    "generate_resource",
    "generate_migration",
    "list_resources",
    "list_routes",
    "migration_status",
    "run_tests",
    "check_health",
    "doctor",
}


@pytest.fixture(scope="module")
def rendered_app(tmp_path_factory) -> Path:
    """An app rendered without its tasks (no Go needed): enough for the generators' dry runs."""
    dst = tmp_path_factory.mktemp("mcp-app") / "blog"
    copier.run_copy(
        str(REPO), str(dst), defaults=True, vcs_ref="HEAD", unsafe=True, skip_tasks=True, quiet=True
    )
    answers = dst / ".copier-answers.yml"
    answers.write_text(re.sub(r"(?m)^_commit: .*$", "_commit: HEAD", answers.read_text()))
    return dst


def files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*"))


def in_session(
    cwd: Path, body: Callable[[ClientSession], Awaitable[Any]], env: dict[str, str] | None = None
) -> Any:
    """Run body against `tracks mcp` started in cwd, through the SDK's stdio client session."""

    async def main() -> Any:
        # The repository's tracks package, which the test's Python imports from its checkout.
        server_env = {"PYTHONPATH": str(REPO), **(env or {})}
        command = [sys.executable, "-m", "tracks", "mcp"]
        params = StdioServerParameters(command=command[0], args=command[1:], cwd=cwd, env=server_env)
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            return await body(session)

    return asyncio.run(main())


def test_the_server_lists_its_tools_and_dry_runs_write_nothing(rendered_app: Path) -> None:
    before = files(rendered_app)

    async def body(session: ClientSession) -> tuple[set[str], Any, Any]:
        tools = {tool.name for tool in (await session.list_tools()).tools}
        resource = await session.call_tool(
            "generate_resource",
            {"name": "post", "fields": ["title:string:required", "body:text"], "dry_run": True},
        )
        migration = await session.call_tool("generate_migration", {"name": "add_summary", "dry_run": True})
        return tools, resource, migration

    tools, resource, migration = in_session(rendered_app, body)
    assert tools == TOOLS
    assert not resource.is_error, resource.content
    assert {"action": "create", "path": "internal/posts/post.go"} in resource.structured_content["files"]
    assert resource.structured_content["edits"] == ["internal/app/resources.go"]
    assert not migration.is_error, migration.content
    assert any(f["path"].endswith("_add_summary.sql") for f in migration.structured_content["files"])
    assert files(rendered_app) == before


def test_invalid_input_is_the_validators_message_and_writes_nothing(rendered_app: Path) -> None:
    before = files(rendered_app)

    async def body(session: ClientSession) -> list[Any]:
        return [
            await session.call_tool("generate_resource", {"name": "post", "fields": ["title:strin"]}),
            await session.call_tool("generate_resource", {"name": "../../etc", "fields": ["title:string"]}),
            await session.call_tool("generate_migration", {"name": "Add Summary"}),
            await session.call_tool("run_tests", {"package": "../"}),
            await session.call_tool("run_tests", {"package": "./../../.."}),
            await session.call_tool("run_tests", {"package": "/etc"}),
            await session.call_tool("run_tests", {"package": "./nowhere/..."}),
        ]

    bad_field, bad_name, bad_migration, parent, climbing, absolute, missing = in_session(rendered_app, body)
    for result in (bad_field, bad_name, bad_migration, parent, climbing, absolute, missing):
        assert result.is_error
    assert 'unknown type "strin"' in bad_field.content[0].text
    assert "Validation error for question 'name'" in bad_name.content[0].text
    assert "Validation error for question 'migration_name'" in bad_migration.content[0].text
    assert "relative pattern inside the app" in parent.content[0].text
    assert "outside the app's directory" in climbing.content[0].text
    assert "relative pattern inside the app" in absolute.content[0].text
    assert "no directory ./nowhere in the app" in missing.content[0].text
    assert files(rendered_app) == before


def test_list_resources_and_check_health_without_a_server(rendered_app: Path) -> None:
    async def body(session: ClientSession) -> tuple[Any, Any]:
        return await session.call_tool("list_resources", {}), await session.call_tool("check_health", {})

    resources, health = in_session(rendered_app, body, env={"PORT": "1"})
    assert resources.structured_content == {"resources": []}
    assert health.is_error
    assert "no server answers at http://127.0.0.1:1/api/health" in health.content[0].text
    assert "tracks dev" in health.content[0].text


def test_outside_an_app_the_command_says_so(tmp_path: Path) -> None:
    import subprocess

    result = subprocess.run(
        [sys.executable, "-m", "tracks", "mcp"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "is not inside a Tracks app" in result.stderr


def events(*items: dict[str, Any]) -> str:
    return "\n".join(json.dumps(item) for item in items)


def test_go_test_summary_reports_each_failed_test_with_its_output() -> None:
    out = events(
        {"Action": "run", "Package": "example.com/blog/internal/posts", "Test": "TestCreate"},
        {
            "Action": "output",
            "Package": "example.com/blog/internal/posts",
            "Test": "TestCreate",
            "Output": "ok\n",
        },
        {"Action": "pass", "Package": "example.com/blog/internal/posts", "Test": "TestCreate"},
        {"Action": "run", "Package": "example.com/blog/internal/posts", "Test": "TestTitle"},
        {
            "Action": "output",
            "Package": "example.com/blog/internal/posts",
            "Test": "TestTitle",
            "Output": "    post_test.go:12: title is required\n",
        },
        {"Action": "fail", "Package": "example.com/blog/internal/posts", "Test": "TestTitle"},
        {"Action": "skip", "Package": "example.com/blog/internal/posts", "Test": "TestSlow"},
        {"Action": "fail", "Package": "example.com/blog/internal/posts"},
    )
    summary = summarise_go_test(out)
    assert (summary["passed"], summary["failed"], summary["skipped"], summary["ok"]) == (1, 1, 1, False)
    assert summary["failures"] == [
        {
            "package": "example.com/blog/internal/posts",
            "test": "TestTitle",
            "output": "    post_test.go:12: title is required",
        }
    ]


def test_go_test_summary_reports_a_build_failure() -> None:
    out = events(
        {
            "Action": "build-output",
            "ImportPath": "example.com/blog/internal/posts [example.com/blog/internal/posts.test]",
            "Output": "internal/posts/post.go:3:1: syntax error\n",
        },
        {
            "Action": "build-fail",
            "ImportPath": "example.com/blog/internal/posts [example.com/blog/internal/posts.test]",
        },
        {
            "Action": "fail",
            "Package": "example.com/blog/internal/posts",
            "FailedBuild": "example.com/blog/internal/posts [example.com/blog/internal/posts.test]",
        },
    )
    summary = summarise_go_test(out)
    assert not summary["ok"]
    assert summary["failures"][0]["package"] == "example.com/blog/internal/posts"
    assert "syntax error" in summary["failures"][0]["output"]


def test_go_test_summary_of_go_failing_to_start() -> None:
    summary = summarise_go_test("go: cannot find main module\n")
    assert not summary["ok"]
    assert summary["failures"][0]["output"] == "go: cannot find main module"
