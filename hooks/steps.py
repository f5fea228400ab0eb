"""The post-copy steps, each a small function that reports a Result instead of raising.

A step never lets a missing tool or a failing command escape: Copier deletes a freshly copied project
when a task fails, and everything here can be finished later with `make setup`.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from plumbum import CommandNotFound, ProcessExecutionError, ProcessTimedOut, local

OK, SKIPPED, MISSING, FAILED = "ok", "skipped", "missing", "failed"

TAIL_LINES = 40
# Generous: a cold module cache or `npm ci` on a slow network takes minutes, a hung proxy forever.
COMMAND_TIMEOUT = 900
COMMIT_MESSAGE = "Initial commit from Tracks"
FALLBACK_IDENTITY = (("user.name", "Tracks"), ("user.email", "tracks@localhost"))
SQLITE_DATABASE_URL = "file:data/app.db"
ENV_HEADER = "# Local development settings; never commit this file.\n"
_ASSIGNMENT = re.compile(r"^(#\s*)?([A-Z][A-Z0-9_]*)=")

INSTALL_HINTS = {
    "go": "install Go 1.26+ (https://go.dev/dl/)",
    "gofmt": "install Go 1.26+ (https://go.dev/dl/)",
    "npm": "install Node.js 20+ (https://nodejs.org)",
    "git": "install Git (https://git-scm.com/downloads)",
}


@dataclass(frozen=True)
class Result:
    """What a step did. `tool` names the missing program; `output` is the tail of a failure's output."""

    status: str
    detail: str = ""
    tool: str = ""
    output: str = ""

    @property
    def problem(self) -> bool:
        return self.status in (MISSING, FAILED)


@dataclass(frozen=True)
class Step:
    """A titled action; `needs` names an earlier step whose failure makes this one pointless."""

    title: str
    action: Callable[[], Result]
    needs: str = ""
    finish: str = "run 'make setup' in {dir} to finish"


def tail(text: str, lines: int = TAIL_LINES) -> str:
    """The last `lines` non-blank-trailing lines of `text`."""
    return "\n".join(str(text or "").rstrip().splitlines()[-lines:])


def _call(argv: Sequence[str], cwd: Path | str) -> tuple[Result, str]:
    name, *args = argv
    try:
        command = local[name]
    except CommandNotFound:
        return Result(MISSING, f"'{name}' was not found on PATH", tool=name), ""
    shown = " ".join(argv)
    try:
        _, stdout, _ = command[args].with_cwd(str(cwd)).run(retcode=0, timeout=COMMAND_TIMEOUT)
    except ProcessExecutionError as err:
        detail = f"'{shown}' exited with status {err.retcode}"
        return Result(FAILED, detail, output=tail(err.stderr or err.stdout)), err.stdout or ""
    except ProcessTimedOut:
        return Result(FAILED, f"'{shown}' did not finish within {COMMAND_TIMEOUT}s"), ""
    return Result(OK), stdout


def run(argv: Sequence[str], cwd: Path | str) -> Result:
    """Run one program in `cwd`; a missing program or a non-zero exit becomes a Result."""
    return _call(argv, cwd)[0]


def run_all(commands: Sequence[Sequence[str]], cwd: Path | str) -> Result:
    """Run programs in order, stopping at the first that does not succeed."""
    for argv in commands:
        result = run(argv, cwd)
        if result.status != OK:
            return result
    return Result(OK)


# --- .env ----------------------------------------------------------------------------------------


def database_url(driver: str, app: str) -> str:
    """The development DATABASE_URL for `driver`; postgres databases are named `<app>_development`."""
    if driver == "postgres":
        name = re.sub(r"[^a-z0-9_]+", "_", app.lower()).strip("_") or "app"
        return f"postgres://postgres:postgres@localhost:5432/{name}_development?sslmode=disable"
    return SQLITE_DATABASE_URL


def development_settings(driver: str, app: str, session_key: str) -> dict[str, str]:
    """The values a new app's .env sets, whatever .env.example says."""
    return {
        "APP_ENV": "development",
        "PORT": "8080",
        "BASE_URL": "http://localhost:8080",
        "LOG_LEVEL": "debug",
        "DATABASE_URL": database_url(driver, app),
        "SESSION_KEY": session_key,
    }


def env_file(example: str, settings: Mapping[str, str]) -> str:
    """`example` (the text of .env.example) with `settings` applied: an active `KEY=` line is
    replaced, else the first commented-out `# KEY=` line is switched on, else the key is appended.
    Starting from the example keeps its documentation and extra keys (such as TEST_DATABASE_URL)."""
    lines = example.splitlines()
    pending = dict(settings)
    for want_active in (True, False):
        for index, line in enumerate(lines):
            match = _ASSIGNMENT.match(line)
            if match and (match.group(1) is None) == want_active and match.group(2) in pending:
                lines[index] = f"{match.group(2)}={pending.pop(match.group(2))}"
    lines += [f"{key}={value}" for key, value in pending.items()]
    return "\n".join(lines) + "\n"


def write_env(project_dir: Path | str, driver: str, app: str) -> Result:
    """Create .env from .env.example with a fresh SESSION_KEY, readable by the owner only.
    An existing .env is never touched."""
    project = Path(project_dir)
    example = project / ".env.example"
    text = example.read_text(encoding="utf-8") if example.is_file() else ENV_HEADER
    content = env_file(text, development_settings(driver, app, secrets.token_hex(32)))
    try:
        # O_EXCL: never overwrite, even if .env appears between a check and the write.
        fd = os.open(project / ".env", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return Result(SKIPPED, ".env already exists; left untouched")
    with os.fdopen(fd, "w", encoding="utf-8") as env:
        env.write(content)
    return Result(OK, "wrote .env (mode 0600) with a new SESSION_KEY")


# --- Go, assets, formatting, git -----------------------------------------------------------------


def sqlc_generate(project_dir: Path | str) -> Result:
    """`go tool sqlc generate`, when the project has an sqlc configuration."""
    if not any((Path(project_dir) / name).is_file() for name in ("sqlc.yaml", "sqlc.yml", "sqlc.json")):
        return Result(SKIPPED, "no sqlc.yaml")
    return run(["go", "tool", "sqlc", "generate"], project_dir)


def build_assets(project_dir: Path | str) -> Result:
    """Install the locked npm packages and run the `build` script, when there is a package.json."""
    project = Path(project_dir)
    if not (project / "package.json").is_file():
        return Result(SKIPPED, "no package.json")
    install = "ci" if (project / "package-lock.json").is_file() else "install"
    commands = [["npm", install, "--no-audit", "--no-fund"]]
    scripts = json.loads((project / "package.json").read_text(encoding="utf-8")).get("scripts", {})
    if "build" in scripts:
        commands.append(["npm", "run", "build"])
    return run_all(commands, project)


def gofmt(project_dir: Path | str, paths: Sequence[str] = (".",)) -> Result:
    """Rewrite every Go file that `gofmt -l` lists, in `paths` (files or directories) that exist."""
    present = [p for p in paths if (Path(project_dir) / p).exists()]
    if not present:
        return Result(SKIPPED, "no Go files to format")
    listed, stdout = _call(["gofmt", "-l", *present], project_dir)
    if listed.status == MISSING:
        return listed
    files = [line for line in stdout.splitlines() if line and "node_modules" not in Path(line).parts]
    if files:
        written = run(["gofmt", "-w", *files], project_dir)
        if written.status != OK:
            return written
    if listed.status == FAILED:  # a file that does not parse
        return listed
    if not files:
        return Result(OK, "all Go files already formatted")
    return Result(OK, f"reformatted {len(files)} file{'s' if len(files) != 1 else ''}")


GOIMPORTS_TOOL = "golang.org/x/tools/cmd/goimports"


def declares_goimports(module_dir: Path | str) -> bool:
    """Whether `module_dir` has a go.mod with goimports among its tools (apps generated before it
    was added have none until they are updated)."""
    go_mod = Path(module_dir) / "go.mod"
    return go_mod.is_file() and GOIMPORTS_TOOL in go_mod.read_text(encoding="utf-8")


def goimports(
    project_dir: Path | str,
    files: Sequence[str],
    local_prefix: str = "",
    tool_dir: Path | str | None = None,
) -> Result:
    """`go tool goimports -w` on `files` (those that exist): formats them and drops the imports they
    do not use. `local_prefix` puts the app's own packages in a last import group, as the app's
    golangci-lint wants. The tool comes from the go.mod in `tool_dir` (default: the project); when
    that go.mod declares no goimports, the files are only gofmt'ed."""
    project = Path(project_dir)
    present = [f for f in files if (project / f).is_file()]
    if not present:
        return Result(SKIPPED, "no Go files to format")
    module = Path(tool_dir) if tool_dir is not None else project
    if not declares_goimports(module):
        formatted = gofmt(project, present)
        if formatted.status != OK:
            return formatted
        return Result(OK, f"{formatted.detail} with gofmt (go.mod declares no {GOIMPORTS_TOOL} tool)")
    argv = ["go", "tool", "goimports", "-l", "-w", *(["-local", local_prefix] if local_prefix else [])]
    result, stdout = _call([*argv, *(str((project / f).resolve()) for f in present)], module)
    if result.status != OK:
        return result
    changed = len([line for line in stdout.splitlines() if line.strip()])
    if not changed:
        return Result(OK, "imports and formatting already right")
    return Result(OK, f"fixed imports or formatting of {changed} file{'s' if changed != 1 else ''}")


def git_identity_args(project_dir: Path | str) -> list[str]:
    """`-c` options supplying a placeholder author for whatever identity git has no value for."""
    args: list[str] = []
    for key, fallback in FALLBACK_IDENTITY:
        if run(["git", "config", "--get", key], project_dir).status != OK:
            args += ["-c", f"{key}={fallback}"]
    return args


def init_git(project_dir: Path | str, enabled: bool) -> Result:
    """Create a repository on `main` with one commit of everything except .env."""
    if not enabled:
        return Result(SKIPPED, "init_git is false")
    if (Path(project_dir) / ".git").exists():
        return Result(SKIPPED, ".git already exists")
    created = run(["git", "init", "-q", "-b", "main"], project_dir)
    if created.status != OK:
        return created
    commit = ["git", *git_identity_args(project_dir), "commit", "-q", "-m", COMMIT_MESSAGE]
    # Unstaging .env keeps the secret out of history even if .gitignore was edited or is missing.
    unstage_env = ["git", "rm", "-q", "--cached", "--ignore-unmatch", "--", ".env"]
    result = run_all([["git", "add", "-A"], unstage_env, commit], project_dir)
    return Result(OK, "created branch main with one commit") if result.status == OK else result


# --- Registries: app-owned files listing the generated units ------------------------------------

REGISTRY = "internal/app/resources.go"
REGISTRY_MARKER = "// tracks:resources"
TASKS_REGISTRY = "internal/app/tasks.go"
TASKS_MARKER = "// tracks:jobs"
# The package comment of internal/tasks, which the job files leave to it.
TASKS_DOC = "internal/tasks/doc.go"
# The app template, for app-owned files that an app generated by an earlier version lacks.
APP_TEMPLATE = Path(__file__).resolve().parent.parent / "template"
TEMPLATE_SUFFIX = ".jinja"  # _templates_suffix in copier.yml
_MODULE_PATH = "{{ module_path }}"
# A registry's line that only keeps the compiler and linters quiet while the registry is empty.
_PLACEHOLDER = re.compile(r"^[ \t]*_(, _)* = [\w, ]+ // unused until the first \w+ is generated\n", re.M)


def registry_line(plural: str) -> str:
    """The registry line of a resource: `d.BlogPosts(),` for plural "BlogPosts"."""
    return f"d.{plural}(),"


def task_line(pascal: str) -> str:
    """The registry line of a job: the registration of its handler, for args type `pascal`."""
    return f"jobs.Register(kinds, tasks.{pascal}Handler{{Log: log}}.Handle, jobs.KindConfig{{}})"


def register_line(project_dir: Path | str, registry: str, marker: str, line: str) -> Result:
    """Add `line` to the registry file `registry` (relative to the project), above its `marker`
    line, once. The file is replaced atomically, so it is never left half-written."""
    path = Path(project_dir) / registry
    if not path.is_file():  # e.g. the throwaway renders of `copier update`
        return Result(SKIPPED, f"no {registry}")
    text = path.read_text(encoding="utf-8")
    if re.search(rf"^[ \t]*{re.escape(line)}[ \t]*$", text, re.M):
        return Result(SKIPPED, "already registered")
    found = re.search(rf"^([ \t]*){re.escape(marker)}[^\n]*$", text, re.M)
    if found is None:
        return Result(FAILED, f"the '{marker}' line is missing from {registry}")
    text = text[: found.start()] + found.group(1) + line + "\n" + text[found.start() :]
    text = _PLACEHOLDER.sub("", text, count=1)
    partial_file = path.with_name(path.name + ".tmp")
    partial_file.write_text(text, encoding="utf-8")
    os.replace(partial_file, path)
    return Result(OK, f"added {line}")


def register_resource(project_dir: Path | str, call: str) -> Result:
    """Add a resource's `call` to the app's resource registry (internal/app/resources.go)."""
    return register_line(project_dir, REGISTRY, REGISTRY_MARKER, call)


def register_job(project_dir: Path | str, line: str) -> Result:
    """Add a job's registration `line` to the app's job registry (internal/app/tasks.go)."""
    return register_line(project_dir, TASKS_REGISTRY, TASKS_MARKER, line)


def app_file(path: str, module: str, template_dir: Path = APP_TEMPLATE) -> str:
    """The text the app template renders for `path`: a file copied as it is, or a `.jinja` one
    whose only Jinja is the module path."""
    source = template_dir / path
    if source.is_file():
        return source.read_text(encoding="utf-8")
    text = (template_dir / (path + TEMPLATE_SUFFIX)).read_text(encoding="utf-8").replace(_MODULE_PATH, module)
    if re.search(r"\{\{|\{%|\{#", text):
        raise ValueError(f"{path}{TEMPLATE_SUFFIX} uses more Jinja than {_MODULE_PATH}")
    return text


def create_app_file(
    project_dir: Path | str, path: str, module: str, template_dir: Path = APP_TEMPLATE
) -> Result:
    """Write the app-owned file `path` as the app template renders it, unless it exists (an app
    generated before the template had it)."""
    target = Path(project_dir) / path
    if target.is_file():
        return Result(SKIPPED, f"{path} exists")
    if not module:
        return Result(FAILED, f"cannot write {path}: the app's module path is unknown")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(app_file(path, module, template_dir), encoding="utf-8")
    return Result(OK, f"wrote {path}")


# --- Hook entry points ---------------------------------------------------------------------------

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})


def enabled(environ: Mapping[str, str], name: str) -> bool:
    """Whether the environment variable `name` is set to a true word (1, true, yes, on)."""
    return environ.get(name, "").strip().lower() in TRUE_WORDS


def hook_io(
    environ: Mapping[str, str] | None, out: TextIO | None, project_dir: Path | str | None
) -> tuple[Mapping[str, str], TextIO, Path]:
    """The environment, output and project a hook's main works with: what a test passes, or else
    the process environment, stdout and the working directory (Copier runs hooks from the project)."""
    return (
        os.environ if environ is None else environ,
        sys.stdout if out is None else out,
        Path.cwd() if project_dir is None else Path(project_dir),
    )


def skipping(environ: Mapping[str, str], out: TextIO, what: str) -> bool:
    """Whether TRACKS_SKIP_HOOKS (for fast template tests) says to skip the hook's steps, named by
    `what`; if it does, the hook says so."""
    if not enabled(environ, "TRACKS_SKIP_HOOKS"):
        return False
    _say(out, f"TRACKS_SKIP_HOOKS is set; skipping the {what}")
    return True


def run_hook(
    what: str, plan: Callable[[], Sequence[Step]], project_dir: Path, out: TextIO, strict: bool
) -> int:
    """Run the steps `plan` returns and sum up; returns the hook's exit status. Problems (and bugs
    here) become advice and exit 0, because a failing task makes Copier delete a freshly copied
    project; `strict` (TRACKS_STRICT, for CI) makes them exit 1."""
    started = time.monotonic()
    try:
        advice = run_steps(plan(), project_dir, out)
    except Exception as err:  # never let a bug here cost the user the generated files
        _say(out, f"{what} stopped: {type(err).__name__}: {err}")
        return 1 if strict else 0
    elapsed = time.monotonic() - started
    if not advice:
        _say(out, f"done in {elapsed:.1f}s")
        return 0
    count = f"{len(advice)} problem{'s' if len(advice) != 1 else ''}"
    _say(out, f"finished with {count} in {elapsed:.1f}s; {'; '.join(dict.fromkeys(advice))}")
    return 1 if strict else 0


# --- Runner --------------------------------------------------------------------------------------


def _say(out: TextIO, message: str) -> None:
    print(f"tracks: {message}", file=out, flush=True)


def run_steps(steps: Sequence[Step], project_dir: Path | str, out: TextIO) -> list[str]:
    """Run every step, printing one progress line before each; returns the advice for each problem."""
    location = str(Path(project_dir).resolve())
    results: dict[str, Result] = {}
    reported_missing: set[str] = set()
    advice: list[str] = []
    for number, step in enumerate(steps, 1):
        _say(out, f"[{number}/{len(steps)}] {step.title}")
        finish = step.finish.format(dir=location)
        started = time.monotonic()
        needed = results.get(step.needs)
        if needed is not None and needed.status == FAILED:
            result = Result(SKIPPED, f"needs '{step.needs}', which failed")
        else:
            try:
                result = step.action()
            except Exception as err:  # a bug in a step must not cost the user the whole project
                result = Result(FAILED, f"{type(err).__name__}: {err}")
        results[step.title] = result
        elapsed = f"({time.monotonic() - started:.1f}s)"
        if result.status == OK:
            _say(out, f"  ok{': ' + result.detail if result.detail else ''} {elapsed}")
        elif result.status == SKIPPED:
            _say(out, f"  skipped: {result.detail}")
        elif result.status == MISSING and result.tool in reported_missing:
            _say(out, f"  skipped: '{result.tool}' was not found on PATH (see above)")
        elif result.status == MISSING:
            reported_missing.add(result.tool)
            hint = INSTALL_HINTS.get(result.tool, f"install '{result.tool}'")
            _say(out, f"'{result.tool}' was not found on PATH; {hint} and then {finish}")
            advice.append(finish)
        else:
            _say(out, f"  failed: {result.detail} {elapsed}")
            for line in result.output.splitlines():
                print(f"    {line}", file=out)
            _say(out, f"fix the problem above and then {finish}")
            advice.append(finish)
    return advice


LOCALES_DIR = "internal/i18n/locales"
SOURCE_LOCALE = "en"
UNTRANSLATED = "# Copied from {source}: translate these messages, then remove this line.\n"


def locale_copies(names: Sequence[str]) -> list[tuple[str, str]]:
    """(source, copy) pairs of locale file names (`<topic>.<locale>.yaml`): for each topic with a
    file in the source locale, the copy that each other locale present lacks."""
    topics, locales = set(), set()
    for name in names:
        parts = name.split(".")
        if len(parts) != 3 or parts[2] != "yaml":
            continue
        topic, locale = parts[0], parts[1]
        locales.add(locale)
        if locale == SOURCE_LOCALE:
            topics.add(topic)
    return [
        (f"{topic}.{SOURCE_LOCALE}.yaml", f"{topic}.{locale}.yaml")
        for topic in sorted(topics)
        for locale in sorted(locales - {SOURCE_LOCALE})
        if f"{topic}.{locale}.yaml" not in names
    ]


def copy_locales(project_dir: Path | str) -> Result:
    """Give every locale of the app the messages a generator wrote in English, to translate: the
    test of the app's messages fails on a key that a locale lacks."""
    directory = Path(project_dir) / LOCALES_DIR
    if not directory.is_dir():
        return Result(SKIPPED, f"no {LOCALES_DIR}")
    copies = locale_copies(sorted(p.name for p in directory.glob("*.yaml")))
    for source, copy in copies:
        text = (directory / source).read_text(encoding="utf-8")
        (directory / copy).write_text(UNTRANSLATED.format(source=source) + text, encoding="utf-8")
    if not copies:
        return Result(SKIPPED, "every locale has every topic")
    return Result(OK, "to translate: " + ", ".join(f"{LOCALES_DIR}/{copy}" for _, copy in copies))


UNTRANSLATED_LIST = "internal/i18n/untranslated.txt"
UNTRANSLATED_HEADER = (
    "# Templ files left untranslated: the app's test of spelled-out text (internal/i18n) skips them.\n"
    "# Move a page's text into messages (see the README, Locales), then remove its line.\n"
)
APP_OWNED_PAGES = tuple(f"internal/http/views/pages/{page}.templ" for page in ("home", "about", "dashboard"))


def list_untranslated_pages(project_dir: Path | str) -> Result:
    """List the app-owned pages that predate locales (they use no message) in UNTRANSLATED_LIST.

    An update gives an app locales but leaves its own pages as they are, English text and all; the
    list keeps the app's tests passing until the developer translates them."""
    project = Path(project_dir)
    if not (project / LOCALES_DIR).is_dir():
        return Result(SKIPPED, "the app has no locales")
    listing = project / UNTRANSLATED_LIST
    listed = listing.read_text(encoding="utf-8").splitlines() if listing.is_file() else []
    new = [
        page
        for page in APP_OWNED_PAGES
        if (project / page).is_file()
        and "/internal/i18n" not in (project / page).read_text(encoding="utf-8")
        and page not in listed
    ]
    if not new:
        return Result(SKIPPED, "every page of the app uses its messages")
    text = "\n".join(listed) + "\n" if listed else UNTRANSLATED_HEADER
    listing.write_text(text + "".join(page + "\n" for page in new), encoding="utf-8")
    return Result(OK, f"listed in {UNTRANSLATED_LIST} (to translate): {', '.join(new)}")
