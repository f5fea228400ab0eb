"""The `tracks` command line (plumbum's cli): one small class per command."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from plumbum import cli

from tracks import __version__, doctor, generate
from tracks.app import App, NotInApp, find_app, require_app
from tracks.source import Template, installed_template


def fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def copier_executable() -> str:
    """The copier installed next to this Python (pipx does not put it on PATH)"""
    beside = Path(sys.executable).with_name("copier")
    return str(beside) if beside.exists() else "copier"


def make_command(app: App, target: str, *variables: str) -> list[str]:
    """`make -C <app> <target>`, with the copier that came with tracks for the template targets"""
    return ["make", "-C", str(app.root), target, f"COPIER={copier_executable()}", *variables]


def run_make(target: str, *variables: str) -> int:
    try:
        app = require_app(Path.cwd())
    except NotInApp as error:
        return fail(str(error))
    return subprocess.call(make_command(app, target, *variables))


class Tracks(cli.Application):
    """Create Tracks apps (Go, templ, HTMX, sqlc) and add to them"""

    PROGNAME = "tracks"
    VERSION = __version__

    def main(self, *args: str) -> int:
        if args:
            return fail(f"unknown command {args[0]!r}; see `tracks --help`")
        if not self.nested_command:
            if sys.stdin.isatty() and sys.stdout.isatty():
                from tracks import menu  # questionary loads only for the menu

                return menu.run(Path.cwd())
            self.help()
        return 0


@Tracks.subcommand("new")
class New(cli.Application):
    """Create a new app in DIR (asks the remaining questions unless --defaults)"""

    db = cli.SwitchAttr("--db", cli.Set(*generate.DRIVERS), help="database driver (default: go-libsql)")
    module = cli.SwitchAttr("--module", str, help="Go module path, e.g. github.com/acme/blog")
    oauth = cli.SwitchAttr("--oauth", str, help="OAuth sign-in providers, comma-separated: github,google")
    queue = cli.SwitchAttr("--queue", str, help="job queues, comma-separated: database,sqs,pubsub")
    sms = cli.SwitchAttr("--sms", str, help="SMS providers, comma-separated: sns,twilio")
    name = cli.SwitchAttr("--name", str, help="the app's name (default: DIR's name)")
    no_git = cli.Flag("--no-git", help="do not create a git repository")
    defaults = cli.Flag("--defaults", help="do not ask: take the default of every question not given")
    template = cli.SwitchAttr("--template", str, help="render another template (path or git URL)")
    vcs_ref = cli.SwitchAttr("--vcs-ref", str, help="with --template: the git ref to render")

    def main(self, directory: str) -> int:
        dst = Path(directory)
        if find_app(dst.resolve().parent if not dst.exists() else dst) is not None:
            return fail(f"{dst} is inside a Tracks app already; create the new app elsewhere")
        if dst.exists() and any(dst.iterdir()):
            return fail(f"{dst} exists and is not empty; choose a new directory")
        try:
            data = generate.new_answers(
                dst,
                db=self.db,
                module=self.module,
                oauth=self.oauth,
                queue=self.queue,
                sms=self.sms,
                no_git=self.no_git,
                name=self.name,
            )
            template = (
                Template(self.template, self.vcs_ref or "HEAD") if self.template else installed_template()
            )
        except (generate.BadArgument, RuntimeError) as error:
            return fail(str(error))
        print(f"==> Rendering {template.src}@{template.ref} into {dst}", flush=True)
        try:
            generate.render(template, dst, data, defaults=self.defaults)
        except ValueError as error:
            return fail(generate.validation_message(error))
        return 0


@Tracks.subcommand("generate")
class Generate(cli.Application):
    """Add to the app: resource, job, page, mailer or migration"""

    def main(self, *args: str) -> int:
        if args or not self.nested_command:
            self.help()
            return 1
        return 0


class Generator(cli.Application):
    """Shared by the generators: --dry-run, --json and running Copier in the app"""

    dry_run = cli.Flag("--dry-run", help="list the files it would write; change nothing")
    as_json = cli.Flag("--json", requires=["--dry-run"], help="with --dry-run: print the list as JSON")

    def generate(self, data: dict) -> int:
        try:
            app = require_app(Path.cwd())
        except NotInApp as error:
            return fail(str(error))
        try:
            if self.dry_run:
                found = generate.plan(app.template, app.root, data)
                print(json.dumps(found.as_json(), indent=2) if self.as_json else "\n".join(found.lines()))
                return 0
            generate.render(app.template, app.root, data, defaults=True)
        except ValueError as error:
            return fail(generate.validation_message(error))
        return 0


@Generate.subcommand("resource")
class GenerateResource(Generator):
    """A resource: NAME (singular) and FIELD… as name:type[:modifier…], e.g. title:string:required"""

    not_owned = cli.Flag("--not-owned", help="records do not belong to the user who created them")

    def main(self, name: str, *fields: str) -> int:
        try:
            data = generate.resource_answers(name, list(fields), False if self.not_owned else None)
        except generate.BadArgument as error:
            return fail(str(error))
        return self.generate(data)


@Generate.subcommand("job")
class GenerateJob(Generator):
    """A background job: NAME in snake_case, e.g. send_digest"""

    def main(self, name: str) -> int:
        return self.generate(generate.job_answers(name))


@Generate.subcommand("page")
class GeneratePage(Generator):
    """A page: NAME in snake_case, e.g. pricing (at /pricing unless --path)"""

    path = cli.SwitchAttr("--path", str, help="the page's path, e.g. /plans/pricing")
    nav = cli.Flag("--nav", help="link the page from the navigation bar")

    def main(self, name: str) -> int:
        return self.generate(generate.page_answers(name, self.path, self.nav))


@Generate.subcommand("mailer")
class GenerateMailer(Generator):
    """An email: NAME in snake_case, e.g. weekly_digest (sent with SendWeeklyDigest)"""

    def main(self, name: str) -> int:
        return self.generate(generate.mailer_answers(name))


@Generate.subcommand("migration")
class GenerateMigration(Generator):
    """An empty migration: NAME in snake_case, e.g. add_summary_to_posts"""

    def main(self, name: str) -> int:
        return self.generate(generate.migration_answers(name))


@Tracks.subcommand("destroy")
class Destroy(cli.Application):
    """Remove what a generator made: resource"""

    def main(self, *args: str) -> int:
        if args or not self.nested_command:
            self.help()
            return 1
        return 0


@Destroy.subcommand("resource")
class DestroyResource(cli.Application):
    """Remove resource NAME: its files, registration line and answers; a new migration drops its table"""

    def main(self, name: str) -> int:
        try:
            app = require_app(Path.cwd())
        except NotInApp as error:
            return fail(str(error))
        try:
            generate.render(app.template, app.root, generate.destroy_answers(name), defaults=True)
        except subprocess.CalledProcessError:  # the hook has said why, and put everything back
            return 1
        except ValueError as error:
            message = generate.validation_message(error)
            if "question 'generator'" in message:
                message += "\nthis app's template version has no destroy: run `tracks update` first"
            return fail(message)
        return 0


@Tracks.subcommand("db")
class Db(cli.Application):
    """The app's database: migrate, rollback [STEPS], status, seed, reset, create NAME"""

    def main(self, *args: str) -> int:
        if args or not self.nested_command:
            self.help()
            return 1
        return 0


@Db.subcommand("migrate")
class DbMigrate(cli.Application):
    """Apply pending migrations (make db-migrate)"""

    def main(self) -> int:
        return run_make("db-migrate")


@Db.subcommand("rollback")
class DbRollback(cli.Application):
    """Roll back the last migration, or the last STEPS (make db-rollback, once per step)"""

    def main(self, steps: str = "1") -> int:
        if not steps.isdigit() or int(steps) < 1:
            return fail(f"STEPS must be a positive number, got {steps!r}")
        for _ in range(int(steps)):
            code = run_make("db-rollback")
            if code:
                return code
        return 0


@Db.subcommand("seed")
class DbSeed(cli.Application):
    """Load the development seed data (make db-seed)"""

    def main(self) -> int:
        return run_make("db-seed")


@Db.subcommand("reset")
class DbReset(cli.Application):
    """Empty the database and load the seed data again (make db-reset); refused in production"""

    def main(self) -> int:
        return run_make("db-reset")


@Db.subcommand("status")
class DbStatus(cli.Application):
    """Show which migrations are applied (make db-status)"""

    as_json = cli.Flag("--json", help="print JSON only: version, name, state, applied_at")

    def main(self) -> int:
        if self.as_json:
            return run_server_json("migrate", "status")
        return run_make("db-status")


@Db.subcommand("create")
class DbCreate(Generator):
    """Create an empty migration NAME (the same as `tracks generate migration NAME`)"""

    def main(self, name: str) -> int:
        return self.generate(generate.migration_answers(name))


def _make_subcommand(command: str, target: str, doc: str) -> None:
    Tracks.subcommand(
        command,
        type(
            command.title(),
            (cli.Application,),
            {
                "__doc__": doc,
                "main": lambda self: run_make(target),
            },
        ),
    )


def run_server_json(*command: str) -> int:
    """`go run ./cmd/server COMMAND… --json` in the app, after `make prepare` (which creates .env
    and brings generated code up to date) with its output on stderr: stdout is the JSON alone."""
    try:
        app = require_app(Path.cwd())
    except NotInApp as error:
        return fail(str(error))
    if not re.search(r"(?m)^prepare:", (app.root / "Makefile").read_text(encoding="utf-8")):
        return fail("this app's Makefile has no `prepare` target: run `tracks update` to bring it in")
    code = subprocess.call([*make_command(app, "prepare"), "--no-print-directory"], stdout=sys.stderr)
    if code:
        return code
    return subprocess.call(["go", "run", "./cmd/server", *command, "--json"], cwd=app.root)


@Tracks.subcommand("routes")
class Routes(cli.Application):
    """List the routes the app's server answers (make routes)"""

    as_json = cli.Flag("--json", help="print JSON only: a list of {method, pattern}")

    def main(self) -> int:
        if self.as_json:
            return run_server_json("routes")
        return run_make("routes")


@Tracks.subcommand("jobs")
class Jobs(cli.Application):
    """Count the app's stored background jobs of each kind in each state (make jobs)"""

    as_json = cli.Flag("--json", help="print JSON only: a list of {kind, by_state, total}")

    def main(self) -> int:
        if self.as_json:
            return run_server_json("jobs")
        return run_make("jobs")


@Tracks.subcommand("dev")
class Dev(cli.Application):
    """Run the server with live reload (make dev); its output also goes to tmp/dev.log for `tracks ui`"""

    def main(self) -> int:
        try:
            app = require_app(Path.cwd())
        except NotInApp as error:
            return fail(str(error))
        log_path = app.root / "tmp/dev.log"
        log_path.parent.mkdir(exist_ok=True)
        with (
            log_path.open("w", encoding="utf-8") as log,
            subprocess.Popen(
                make_command(app, "dev"),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                bufsize=1,
            ) as proc,
        ):
            assert proc.stdout is not None
            try:
                for line in proc.stdout:
                    sys.stdout.write(line)
                    log.write(line)
                    log.flush()
            except KeyboardInterrupt:  # make has the signal too, and stops the server
                pass
            return proc.wait()


_make_subcommand("test", "test", "Run the app's tests (make test)")
_make_subcommand("build", "build", "Build the server binary into bin/ (make build)")


@Tracks.subcommand("update")
class Update(cli.Application):
    """Update the app and every generated resource, job and page from the template (make update)"""

    to_version = cli.SwitchAttr("--version", str, help="update to this tag instead of the latest")

    def main(self) -> int:
        return run_make("update", *([f"TRACKS_VERSION={self.to_version}"] if self.to_version else []))


@Tracks.subcommand("doctor")
class Doctor(cli.Application):
    """Check the tools (and, inside an app, its database and port); exit 1 on a problem"""

    as_json = cli.Flag("--json", help="print the checks as JSON")

    def main(self) -> int:
        checks = doctor.run_checks(find_app(Path.cwd()))
        if self.as_json:
            print(json.dumps([check.as_dict() for check in checks], indent=2))
        else:
            print("\n".join(check.line() for check in checks))
            print(doctor.summary(checks))
        return 0 if all(check.ok for check in checks) else 1


@Tracks.subcommand("mcp")
class Mcp(cli.Application):
    """Serve the app's generators and checks to agents over the Model Context Protocol (stdio)"""

    http = cli.Flag("--http", help="serve streamable HTTP on 127.0.0.1 instead of stdio")
    port = cli.SwitchAttr("--port", cli.Range(1, 65535), default=8765, help="with --http: the port")

    def main(self) -> int:
        try:
            app = require_app(Path.cwd())
        except NotInApp as error:
            return fail(str(error))
        from tracks.mcp_server import build_server  # the SDK loads only for this command

        server = build_server(app)
        if self.http:
            print(f"tracks mcp: serving http://127.0.0.1:{self.port}/mcp for {app.root}", file=sys.stderr)
            server.run("streamable-http", host="127.0.0.1", port=self.port)
        else:
            server.run()
        return 0


@Tracks.subcommand("ui")
class Ui(cli.Application):
    """A terminal dashboard: health, routes, migrations, jobs and the `tracks dev` log; keys run tests"""

    def main(self) -> int:
        try:
            app = require_app(Path.cwd())
        except NotInApp as error:
            return fail(str(error))
        from tracks.ui import Dashboard  # Textual loads only for this command

        Dashboard(app).run()
        return 0


def main() -> None:
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    Tracks.run()
