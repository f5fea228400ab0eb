"""The resource hook: route registration in the app's registry, the Go files it formats with goimports
(derived from the sub-template), and its runner."""

from __future__ import annotations

import shutil

import pytest

from hooks import post_resource, steps

REGISTRY = """package app

import apphttp "example.com/app/internal/http"

// resources builds the parts of the application made with `make resource`.
func resources(d deps) []apphttp.Resource {
	return []apphttp.Resource{
		// tracks:resources
	}
}
"""


def registry(tmp_path, text: str = REGISTRY):
    """Writes the app's resource registry, `text`; returns its path."""
    path = tmp_path / steps.REGISTRY
    path.parent.mkdir(parents=True)
    path.write_text(text)
    return path


def test_registry_line():
    assert steps.registry_line("BlogPosts") == "d.BlogPosts(),"


def test_register_adds_the_line_above_the_marker_and_drops_the_placeholder(tmp_path):
    path = registry(tmp_path)
    result = steps.register_resource(tmp_path, "d.Posts(),")
    assert result.status == steps.OK
    text = path.read_text()
    assert "\t\td.Posts(),\n\t\t// tracks:resources\n" in text
    assert "_ = r" not in text
    assert not list(path.parent.glob("*.tmp")), "no temporary file is left"


def test_register_is_idempotent_and_keeps_order(tmp_path):
    path = registry(tmp_path)
    steps.register_resource(tmp_path, "d.Posts(),")
    steps.register_resource(tmp_path, "d.Products(),")
    again = steps.register_resource(tmp_path, "d.Posts(),")
    assert again.status == steps.SKIPPED
    text = path.read_text()
    assert text.count("d.Posts(),") == 1
    assert text.index("d.Posts(),") < text.index("d.Products(),") < text.index("// tracks:resources")


def test_register_keeps_the_apps_own_lines(tmp_path):
    path = registry(
        tmp_path, REGISTRY.replace("\t\t// tracks:resources", "\t\tmine(d),\n\t\t// tracks:resources")
    )
    steps.register_resource(tmp_path, "d.Posts(),")
    assert "\t\tmine(d),\n\t\td.Posts(),\n" in path.read_text()


def test_register_without_marker_fails_with_advice_and_leaves_the_file(tmp_path):
    text = REGISTRY.replace("\t// tracks:resources\n", "")
    path = registry(tmp_path, text)
    result = steps.register_resource(tmp_path, "d.Posts(),")
    assert result.status == steps.FAILED
    assert "// tracks:resources" in result.detail
    assert path.read_text() == text


def test_register_without_registry_is_skipped(tmp_path):
    assert steps.register_resource(tmp_path, "d.Posts(),").status == steps.SKIPPED


def test_hook_reports_each_step(tmp_path, no_tools, go_mod, run_main):
    go_mod(tmp_path)
    registry(tmp_path)
    code, lines = run_main(post_resource.main, ["--name=post"], tmp_path)
    assert code == 0, "a missing tool never fails the copy"
    assert "[1/5] register Posts in internal/app/resources.go" in lines
    assert "'go' was not found on PATH" in lines
    assert "d.Posts()," in (tmp_path / steps.REGISTRY).read_text()


def test_hook_is_strict_in_ci(tmp_path, no_tools, go_mod, run_main):
    go_mod(tmp_path)
    registry(tmp_path)
    assert run_main(post_resource.main, ["--name=post"], tmp_path, TRACKS_STRICT="1")[0] == 1


def test_gofmt_formats_only_the_given_paths(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "a.go").write_text("package mine\nvar   x = 1\n")
    (tmp_path / "broken.go").write_text("package x\n<<<<<<< before updating\n")
    result = steps.gofmt(tmp_path, ["mine", "gone.go"])
    assert result.status == steps.OK, result
    assert (tmp_path / "mine" / "a.go").read_text() == "package mine\n\nvar x = 1\n"
    assert steps.gofmt(tmp_path, ["gone.go"]).status == steps.SKIPPED


def test_go_files_are_the_sub_templates_go_paths_rendered_with_the_names():
    files = post_resource.go_files("blog_post")
    assert "internal/blogposts/blog_post.go" in files
    assert "internal/http/handlers/blog_posts.go" in files
    assert "internal/http/views/blogposts/view.go" in files
    assert files == sorted(files)
    assert all(f.endswith(".go") and "{" not in f for f in files)
    assert not [f for f in files if f.endswith("_templ.go")], "templ's output is not the resource's own"


def test_go_files_cover_every_go_file_of_a_sub_template(tmp_path):
    """A file added to the sub-template is formatted without being listed anywhere."""
    template = tmp_path / "template"
    new = template / "internal/{{ (name | resource_names).package }}/extra.go.jinja"
    new.parent.mkdir(parents=True)
    new.write_text("package x\n")
    (template / "internal/{{ (name | resource_names).package }}/plain.go").write_text("package x\n")
    (template / "internal/db").mkdir(parents=True)
    (template / "internal/db/{{ timestamp }}_create.sql.jinja").write_text("-- sql\n")
    (template / "internal/view.templ.jinja").write_text("package x\n")
    assert post_resource.go_files("blog_post", template) == [
        "internal/blogposts/extra.go",
        "internal/blogposts/plain.go",
    ]


def test_plan_registers_the_plural_formats_the_resource_and_copies_its_messages(tmp_path):
    titles = [step.title for step in post_resource.plan(tmp_path, "blog_post", "example.com/app")]
    assert titles == [
        f"register BlogPosts in {steps.REGISTRY}",
        "go tool sqlc generate",
        "go tool templ generate",
        "go tool goimports",
        "copy the new messages to every locale",
    ]


def test_locale_copies_are_what_each_locale_lacks():
    names = [
        "app.en.yaml",
        "app.es.yaml",
        "app.de.yaml",
        "posts.en.yaml",
        "posts.de.yaml",
        "notes.txt",
        "x.yaml",
    ]
    assert steps.locale_copies(names) == [("posts.en.yaml", "posts.es.yaml")]
    assert steps.locale_copies(["app.en.yaml"]) == [], "one locale needs no copy"
    assert steps.locale_copies(["app.es.yaml", "posts.es.yaml"]) == [], "nothing to copy without English"


def test_copy_locales_writes_a_marked_copy_and_leaves_translations_alone(tmp_path):
    locales = tmp_path / steps.LOCALES_DIR
    locales.mkdir(parents=True)
    (locales / "app.en.yaml").write_text('a.b: "Hello"\n')
    (locales / "app.es.yaml").write_text('a.b: "Hola"\n')
    (locales / "posts.en.yaml").write_text('posts.new: "New post"\n')
    result = steps.copy_locales(tmp_path)
    assert result.status == steps.OK, result
    assert "posts.es.yaml" in result.detail
    copy = (locales / "posts.es.yaml").read_text()
    assert copy.startswith("# Copied from posts.en.yaml: translate")
    assert copy.endswith('posts.new: "New post"\n')
    assert (locales / "app.es.yaml").read_text() == 'a.b: "Hola"\n'
    assert steps.copy_locales(tmp_path).status == steps.SKIPPED, "a second run copies nothing"
    assert steps.copy_locales(tmp_path / "elsewhere").status == steps.SKIPPED


def test_goimports_without_the_tool_in_go_mod_falls_back_to_gofmt(tmp_path, go_mod):
    """An app generated before goimports was a tool still gets its resource formatted."""
    go_mod(tmp_path)
    (tmp_path / "a.go").write_text("package a\nvar   x = 1\n")
    result = steps.goimports(tmp_path, ["a.go", "gone.go"])
    assert result.status == steps.OK, result
    assert "with gofmt" in result.detail
    assert (tmp_path / "a.go").read_text() == "package a\n\nvar x = 1\n"
    assert steps.goimports(tmp_path, ["gone.go"]).status == steps.SKIPPED


def test_goimports_without_go_is_reported(tmp_path, no_tools, go_mod):
    go_mod(tmp_path, goimports=True)
    (tmp_path / "a.go").write_text("package a\n")
    result = steps.goimports(tmp_path, ["a.go"])
    assert (result.status, result.tool) == (steps.MISSING, "go")


@pytest.mark.skipif(shutil.which("go") is None, reason="needs Go")
def test_goimports_drops_unused_imports_and_groups_the_apps_own(tmp_path):
    """Against a real go.mod declaring the tool, run from a throwaway render outside it (as on
    `copier update`); Go finds the tool in its module cache or fetches it."""
    module = tmp_path / "app"
    module.mkdir()
    (module / "go.mod").write_text(
        f"module example.com/app\n\ngo 1.26\n\ntool {steps.GOIMPORTS_TOOL}\n\n"
        "require golang.org/x/tools v0.52.0\n"
    )
    if steps.run(["go", "mod", "tidy"], module).status != steps.OK:
        pytest.skip("go mod tidy needs the network here")
    render = tmp_path / "render"
    render.mkdir()
    source = render / "a.go"
    source.write_text('package a\n\nimport (\n\t"fmt"\n\t"strings"\n)\n\nvar X = strings.ToUpper("a")\n')
    result = steps.goimports(render, ["a.go"], "example.com/app", tool_dir=module)
    assert result.status == steps.OK, result
    assert source.read_text() == 'package a\n\nimport (\n\t"strings"\n)\n\nvar X = strings.ToUpper("a")\n'


def test_the_template_registry_loses_its_placeholder_with_the_first_resource(tmp_path):
    """The empty registry keeps linters quiet about the unused `d` until a resource uses it."""
    path = registry(tmp_path, steps.app_file(steps.REGISTRY, "example.com/app"))
    assert "\t_ = d // unused until the first resource is generated\n" in path.read_text()
    steps.register_resource(tmp_path, "d.Posts(),")
    text = path.read_text()
    assert "_ = d" not in text
    assert "\treturn []apphttp.Resource{\n\t\td.Posts(),\n\t\t// tracks:resources\n" in text
