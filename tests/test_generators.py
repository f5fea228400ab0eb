"""Fast tier: generators that add to an existing app (`-d generator=...`), rendered into a fresh app."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

import copier

REPO = Path(__file__).resolve().parents[1]


def files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def generate(app: Path, *, skip_tasks: bool = False, overwrite: bool = False, **data: str) -> None:
    """`copier copy` of a generator into the existing app at `app`."""
    copier.run_copy(
        src_path=str(REPO),
        dst_path=str(app),
        data=data,
        defaults=True,
        overwrite=overwrite,
        unsafe=True,
        vcs_ref="HEAD",
        skip_tasks=skip_tasks,
        quiet=True,
    )


@pytest.fixture
def app(render, tmp_path: Path) -> Path:
    return render(tmp_path / "myapp")


def test_migration_generator_adds_one_empty_goose_migration(app: Path) -> None:
    before = files(app)
    answers = (app / ".copier-answers.yml").read_text()

    generate(app, generator="migration", migration_name="add_summary_to_posts", timestamp="20300102030405")

    added = files(app) - before
    assert added == {"internal/db/migrations/20300102030405_add_summary_to_posts.sql"}
    sql = (app / added.pop()).read_text()
    assert sql.startswith("-- +goose Up\n")
    assert "\n-- +goose Down\n" in sql
    # goose reads every "+goose" comment as an annotation: only the two section markers may have one.
    assert sql.count("+goose") == 2
    assert (app / ".copier-answers.yml").read_text() == answers, "the app's answers are untouched"


def test_migration_timestamp_defaults_to_now_in_utc(app: Path) -> None:
    start = dt.datetime.now(dt.UTC).replace(microsecond=0)
    generate(app, generator="migration", migration_name="add_flags")
    end = dt.datetime.now(dt.UTC)

    (path,) = (app / "internal/db/migrations").glob("*_add_flags.sql")
    version = re.match(r"(\d{14})_", path.name).group(1)
    stamp = dt.datetime.strptime(version, "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)
    assert start <= stamp <= end
    versions = sorted(p.name.split("_")[0] for p in path.parent.glob("*.sql"))
    assert versions[-1] == version, "the new migration sorts after the app's own"


@pytest.mark.parametrize(
    ("answers", "question"),
    [
        ({"migration_name": "Add-Summary"}, "migration_name"),
        ({"migration_name": ""}, "migration_name"),
        ({"name": "Add-Summary"}, "migration_name"),
        ({}, "migration_name"),
        ({"migration_name": "add_x", "timestamp": "yesterday"}, "timestamp"),
    ],
)
def test_migration_generator_rejects_bad_answers(app: Path, answers: dict[str, str], question: str) -> None:
    before = files(app)
    with pytest.raises(ValueError, match=f"Validation error for question '{question}'"):
        generate(app, generator="migration", **answers)
    assert files(app) == before, "nothing is written for a rejected answer"


def test_migration_generator_takes_name_from_an_old_apps_makefile(app: Path) -> None:
    """Makefiles of apps generated before `migration_name` existed run `copier copy -d
    generator=migration -d name=…`: that still names the migration."""
    before = files(app)
    generate(app, generator="migration", name="add_flags", timestamp="20300102030405")
    assert files(app) - before == {"internal/db/migrations/20300102030405_add_flags.sql"}


def test_app_makefile_passes_the_migration_name(app: Path) -> None:
    makefile = (app / "Makefile").read_text()
    assert "-d generator=migration -d migration_name=$(name) " in makefile


def test_generator_choices_have_a_subtemplate() -> None:
    config = yaml.safe_load((REPO / "copier/questions/generator.yml").read_text())
    for generator in config["generator"]["choices"].values():
        folder = REPO / ("template" if generator == "app" else f"subtemplates/{generator}/template")
        assert folder.is_dir(), f"generator {generator!r} has no {folder.relative_to(REPO)}"


@pytest.fixture
def pg_app(render, tmp_path: Path) -> Path:
    return render(tmp_path / "shop", db_driver="postgres", module_path="github.com/acme/shop")


def resource(app: Path, name: str, fields: str, **options: bool) -> None:
    """The resource generator, without its tasks (the slow tier runs them)."""
    generate(app, skip_tasks=True, generator="resource", name=name, fields=fields, **options)


def test_resource_records_its_answers_with_the_apps(pg_app: Path) -> None:
    resource(pg_app, "blog post", "title:string:required body:text")
    recorded = yaml.safe_load((pg_app / ".copier/resources/blog_post.yml").read_text())
    assert recorded["generator"] == "resource"
    assert recorded["name"] == "blog post"
    assert recorded["fields"] == "title:string:required body:text"
    assert recorded["owned"] is True
    # Inherited from the app, and stored so that an update replays them.
    assert recorded["db_driver"] == "postgres"
    assert recorded["module_path"] == "github.com/acme/shop"
    assert recorded["_commit"] and recorded["_src_path"]
    assert re.fullmatch(r"\d{14}", recorded["timestamp"])
    assert yaml.safe_load((pg_app / ".copier-answers.yml").read_text())["generator"] == "app"


def test_resource_can_reference_earlier_resources(pg_app: Path) -> None:
    resource(pg_app, "post", "title:string:required")
    resource(pg_app, "comment", "post:references:posts body:text:required author:references:users")
    assert (pg_app / ".copier/resources/comment.yml").is_file()


def test_references_are_selects_of_the_referenced_records(pg_app: Path) -> None:
    resource(pg_app, "post", "title:string:required")
    resource(pg_app, "comment", "post:references:posts body:text:required author:references:users:null")
    queries = (pg_app / "internal/db/queries/posts.sql").read_text()
    assert "-- name: ListPostOptions :many" in queries
    assert "ORDER BY title, slug" in queries, "labelled and ordered by the first string field"

    form = (pg_app / "internal/http/views/comments/form.templ").read_text()
    assert form.count("<select") == 2
    for options in ("Posts", "Users"):
        assert f"for _, o := range form.Options.{options} {{" in form
    assert form.count('<option value="">{ i18n.T(ctx, "comments.none") }</option>') == 1, (
        "only the optional reference may be empty"
    )
    messages = (pg_app / "internal/i18n/locales/comments.en.yaml").read_text()
    assert 'comments.none: "None"' in messages
    assert 'comments.choose.post_id: "Choose one of the posts"' in messages

    handler = (pg_app / "internal/http/handlers/comments.go").read_text()
    assert "func NewCommentHandler(svc CommentService, posts, users OptionLister) *CommentHandler" in handler
    assert "h.posts.Options(ctx, optionsLimit)" in handler
    wiring = (pg_app / "internal/app/comments.go").read_text()
    assert "comments.NewService(comments.NewStore(d.db)), posts.NewStore(d.db), d.users)" in wiring


def test_resource_lists_edit_and_create_inline(pg_app: Path) -> None:
    resource(pg_app, "post", "title:string:required")
    views = pg_app / "internal/http/views/posts"
    listing, form = (views / "list.templ").read_text(), (views / "form.templ").read_text()
    assert "templ ListContent(page posts.Page)" in listing
    assert "templ Row(p posts.Post)" in listing
    assert "hx-get={ routes.PostEditPath(p.Slug) }" in listing
    assert "templ FormRow(form Form)" in form
    assert "@formFields(form)" in form and form.count("@formFields(form)") == 2, "one set of fields for both"
    handler = (pg_app / "internal/http/handlers/posts.go").read_text()
    assert "render(w, r, status, postsviews.FormPage(form), postsviews.FormRow(form))" in handler
    assert 'htmx.Retarget(w, "#"+postsviews.ListID)' in handler


@pytest.mark.parametrize(
    ("name", "fields", "question", "message"),
    [
        ("post", "title:string", "name", 'resource "post" already exists'),
        ("user", "a:string", "name", "reserved"),
        ("item", "id:string", "fields", '"id:string"'),
        ("item", "body:txt", "fields", 'unknown type "txt"'),
        ("item", "writer:references:writers", "fields", 'no resource "writers"'),
        ("item", "", "fields", ""),
    ],
)
def test_resource_rejects_bad_answers_and_writes_nothing(
    pg_app: Path, name: str, fields: str, question: str, message: str
) -> None:
    resource(pg_app, "post", "title:string:required")
    before = {p: p.read_bytes() for p in pg_app.rglob("*") if p.is_file()}
    with pytest.raises(ValueError, match=f"Validation error for question '{question}'") as excinfo:
        resource(pg_app, name, fields)
    assert message in str(excinfo.value)
    after = {p: p.read_bytes() for p in pg_app.rglob("*") if p.is_file()}
    assert after == before, "a rejected generation changes nothing"


def test_regenerating_a_resource_on_purpose_is_allowed(pg_app: Path) -> None:
    resource(pg_app, "post", "title:string:required")
    first = (pg_app / ".copier/resources/post.yml").read_text()
    resource(pg_app, "post", "title:string:required", overwrite=True)
    again = (pg_app / ".copier/resources/post.yml").read_text()
    strip = re.compile(r"^(timestamp|_commit): .*$", re.M)
    assert strip.sub("", again) == strip.sub("", first)


def job(app: Path, name: str, **options: str) -> None:
    """The job generator, without its tasks (the slow tier runs them)."""
    generate(app, skip_tasks=True, generator="job", job_name=name, **options)


def test_job_generator_writes_the_job_and_records_its_answers(pg_app: Path) -> None:
    before = files(pg_app)
    job(pg_app, "send_digest")
    assert files(pg_app) - before == {
        ".copier/jobs/send_digest.yml",
        "internal/tasks/send_digest.go",
        "internal/tasks/send_digest_test.go",
    }
    recorded = yaml.safe_load((pg_app / ".copier/jobs/send_digest.yml").read_text())
    assert recorded["generator"] == "job"
    assert recorded["job_name"] == "send_digest"
    assert recorded["module_path"] == "github.com/acme/shop", "inherited from the app, and stored"
    assert recorded["_commit"] and recorded["_src_path"]
    assert "db_driver" not in recorded and "timestamp" not in recorded

    code = (pg_app / "internal/tasks/send_digest.go").read_text()
    assert code.startswith("package tasks\n")
    assert 'func (SendDigest) Kind() string { return "send_digest" }' in code
    assert "func (h SendDigestHandler) Handle(ctx context.Context, job jobs.Job[SendDigest]) error {" in code
    assert '"github.com/acme/shop/internal/jobs"' in code
    test = (pg_app / "internal/tasks/send_digest_test.go").read_text()
    assert "app.RegisterTasks(kinds, zerolog.Nop())" in test
    assert "queue.Drain(t.Context())" in test


def test_the_app_has_an_empty_job_registry_that_jobkinds_calls(pg_app: Path) -> None:
    registry = (pg_app / "internal/app/tasks.go").read_text()
    assert "func RegisterTasks(kinds *jobs.Kinds, log zerolog.Logger) error {" in registry
    assert "\t// tracks:jobs\n" in registry
    assert "RegisterTasks(kinds, log)" in (pg_app / "internal/app/jobs.go").read_text()
    assert (pg_app / "internal/tasks/doc.go").read_text().startswith("// Package tasks ")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "name is required"),
        ("1abc", 'name "1abc" must be snake_case'),
        ("send-digest!", "must be snake_case"),
        ("func", "is a Go keyword"),
        ("send_digest", 'job "send_digest" already exists'),
        ("welcome_email", "job kind of the application itself"),
    ],
)
def test_job_generator_rejects_bad_names_and_writes_nothing(pg_app: Path, name: str, message: str) -> None:
    job(pg_app, "send_digest")
    before = {p: p.read_bytes() for p in pg_app.rglob("*") if p.is_file()}
    with pytest.raises(ValueError, match="Validation error for question 'job_name'") as excinfo:
        job(pg_app, name)
    assert message in str(excinfo.value)
    after = {p: p.read_bytes() for p in pg_app.rglob("*") if p.is_file()}
    assert after == before, "a rejected generation changes nothing"


def test_a_hand_written_task_file_is_an_existing_job(pg_app: Path) -> None:
    (pg_app / "internal/tasks/resize.go").write_text("package tasks\n")
    with pytest.raises(ValueError, match='job "resize" already exists'):
        job(pg_app, "resize")


def test_app_makefile_has_a_job_target_and_updates_jobs(app: Path) -> None:
    makefile = (app / "Makefile").read_text()
    assert '-d generator=job -d "job_name=$(name)" ' in makefile
    units = ".copier-answers.yml .copier/resources/*.yml .copier/jobs/*.yml .copier/pages/*.yml \\\n"
    assert f"for answers in {units}\t\t.copier/mailers/*.yml; do" in makefile
    assert "job: ## Generate a background job: make job name=send_digest" in makefile


def page(app: Path, name: str, **options: object) -> None:
    """The page generator, without its tasks (the slow tier runs them)."""
    generate(app, skip_tasks=True, generator="page", page_name=name, **options)


def test_page_generator_writes_the_page_and_records_its_answers(pg_app: Path) -> None:
    before = files(pg_app)
    page(pg_app, "terms_of_service", page_nav=True)
    assert files(pg_app) - before == {
        ".copier/pages/terms_of_service.yml",
        "internal/app/terms_of_service_page.go",
        "internal/http/handlers/terms_of_service_page.go",
        "internal/http/routes/terms_of_service_page.go",
        "internal/http/terms_of_service_page.go",
        "internal/http/terms_of_service_page_test.go",
        "internal/http/views/pages/terms_of_service_page.templ",
        "internal/i18n/locales/page_terms_of_service.en.yaml",
    }
    recorded = yaml.safe_load((pg_app / ".copier/pages/terms_of_service.yml").read_text())
    assert recorded["page_path"] == "/terms-of-service" and recorded["page_nav"] is True
    assert recorded["module_path"] == "github.com/acme/shop", "inherited from the app, and stored"
    route = (pg_app / "internal/http/routes/terms_of_service_page.go").read_text()
    assert 'const TermsOfServicePage = "/terms-of-service"' in route
    mount = (pg_app / "internal/http/terms_of_service_page.go").read_text()
    nav = 'Nav: components.NavLink{Label: "page_terms_of_service.title", Path: routes.TermsOfServicePage},'
    assert nav in mount, "the link's label is a message key"
    messages = (pg_app / "internal/i18n/locales/page_terms_of_service.en.yaml").read_text()
    assert 'page_terms_of_service.title: "Terms of service"' in messages
    assert (
        "templ TermsOfServicePage() {"
        in (pg_app / "internal/http/views/pages/terms_of_service_page.templ").read_text()
    )

    page(pg_app, "pricing", page_path="/plans/pricing")
    mount = (pg_app / "internal/http/pricing_page.go").read_text()
    assert "Nav:" not in mount and "components" not in mount, "no link without page_nav"
    route = (pg_app / "internal/http/routes/pricing_page.go").read_text()
    assert 'const PricingPage = "/plans/pricing"' in route


@pytest.mark.parametrize(
    ("answers", "question", "message"),
    [
        ({"page_name": "Pricing"}, "page_name", 'name "Pricing" must be snake_case'),
        ({"page_name": "about"}, "page_name", "is a page of the application already"),
        ({"page_name": "pricing"}, "page_name", 'page "pricing" already exists'),
        ({"page_name": "faq", "page_path": "faq"}, "page_path", 'must start with "/"'),
        ({"page_name": "faq", "page_path": "/FAQ/"}, "page_path", "each part between"),
        ({"page_name": "faq", "page_path": "/api/faq"}, "page_path", "under /api"),
        ({"page_name": "faq", "page_path": "/pricing"}, "page_path", "is taken: this app serves /pricing"),
        ({"page_name": "faq", "page_path": "/posts/faq"}, "page_path", "this app serves /posts/*"),
    ],
)
def test_page_generator_rejects_bad_names_and_paths_and_writes_nothing(
    pg_app: Path, answers: dict, question: str, message: str
) -> None:
    page(pg_app, "pricing")
    resource(pg_app, "post", "title:string:required")
    before = {p: p.read_bytes() for p in pg_app.rglob("*") if p.is_file()}
    name = answers.pop("page_name")
    with pytest.raises(ValueError, match=f"Validation error for question '{question}'") as excinfo:
        page(pg_app, name, **answers)
    assert message in str(excinfo.value)
    after = {p: p.read_bytes() for p in pg_app.rglob("*") if p.is_file()}
    assert after == before, "a rejected generation changes nothing"


def test_app_makefile_has_a_page_target(app: Path) -> None:
    makefile = (app / "Makefile").read_text()
    assert '-d generator=page -d "page_name=$(name)"' in makefile
    assert "page: ## Generate a page: make page name=pricing [path=/pricing] [nav=true]" in makefile


def mailer(app: Path, name: str) -> None:
    """The mailer generator, without its tasks (the slow tier runs them)."""
    generate(app, skip_tasks=True, generator="mailer", mailer_name=name)


def test_mailer_generator_writes_the_email_and_records_its_answers(pg_app: Path) -> None:
    before = files(pg_app)
    mailer(pg_app, "weekly_digest")
    assert files(pg_app) - before == {
        ".copier/mailers/weekly_digest.yml",
        "internal/http/views/emails/weekly_digest_email.go",
        "internal/http/views/emails/weekly_digest_email.templ",
        "internal/http/views/emails/weekly_digest_email_test.go",
        "internal/http/weekly_digest_email_test.go",
        "internal/i18n/locales/email_weekly_digest.en.yaml",
    }
    recorded = yaml.safe_load((pg_app / ".copier/mailers/weekly_digest.yml").read_text())
    assert recorded["mailer_name"] == "weekly_digest"
    assert recorded["module_path"] == "github.com/acme/shop", "inherited from the app, and stored"
    code = (pg_app / "internal/http/views/emails/weekly_digest_email.go").read_text()
    assert (
        "func (m *Mailer) SendWeeklyDigest(ctx context.Context, to string, data WeeklyDigestData) error {"
        in code
    )
    assert "func (m *Mailer) previewWeeklyDigest(ctx context.Context) (email.Message, error) {" in code
    assert (
        "templ WeeklyDigestEmail(data WeeklyDigestData, siteURL string) {"
        in (pg_app / "internal/http/views/emails/weekly_digest_email.templ").read_text()
    )
    previews = (pg_app / "internal/http/views/emails/previews.go").read_text()
    assert "\t\t// tracks:mailers\n" in previews, "the app has an empty previews list for the hook"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "name is required"),
        ("Weekly", 'name "Weekly" must be snake_case'),
        ("welcome", "is an email of the application already"),
        ("weekly_digest", 'email "weekly_digest" already exists'),
    ],
)
def test_mailer_generator_rejects_bad_names_and_writes_nothing(pg_app: Path, name: str, message: str) -> None:
    mailer(pg_app, "weekly_digest")
    before = {p: p.read_bytes() for p in pg_app.rglob("*") if p.is_file()}
    with pytest.raises(ValueError, match="Validation error for question 'mailer_name'") as excinfo:
        mailer(pg_app, name)
    assert message in str(excinfo.value)
    after = {p: p.read_bytes() for p in pg_app.rglob("*") if p.is_file()}
    assert after == before, "a rejected generation changes nothing"
