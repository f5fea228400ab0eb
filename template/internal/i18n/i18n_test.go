package i18n

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode"

	"github.com/a-h/templ/parser/v2"
	"github.com/a-h/templ/parser/v2/visitor"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// root is the module's directory, whose sources the tests below read.
const root = "../.."

func TestEveryLocaleHasEveryKey(t *testing.T) {
	source := messages.keys[Source]
	require.NotEmpty(t, source)
	for _, locale := range Locales() {
		if locale == Source {
			continue
		}
		keys := messages.keys[locale]
		for _, key := range source {
			assert.Contains(t, keys, key, "%s lacks %q: add it to internal/i18n/locales/*.%s.yaml", locale, key, locale)
		}
		for _, key := range keys {
			assert.Contains(t, source, key, "%s has %q, which English does not: remove it, or add it to *.%s.yaml",
				locale, key, Source)
		}
	}
}

// keyLiteral matches a Go string literal that may be a message key: dotted lower-case words.
var keyLiteral = regexp.MustCompile(`"([a-z0-9_]+(?:\.[a-z0-9_]+)+)"`)

func TestEveryKeyIsUsed(t *testing.T) {
	used := map[string]bool{}
	for _, dir := range []string{"cmd", "internal"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if !strings.HasSuffix(path, ".templ") && (!strings.HasSuffix(path, ".go") ||
				strings.HasSuffix(path, "_test.go") || strings.HasSuffix(path, "_templ.go")) {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range keyLiteral.FindAllStringSubmatch(string(src), -1) {
				used[m[1]] = true
			}
			return nil
		})
		require.NoError(t, err)
	}
	for _, key := range messages.keys[Source] {
		assert.True(t, used[key], "no code uses the message %q: remove it from every locale", key)
	}
}

// The user reads no text that a templ file spells out: every word comes from a message.
// Code (<code>, <pre>, <kbd>) is not text to translate, and neither are digits and punctuation.
// The files listed in untranslated.txt (make update lists there the app's own pages that
// predate its locales) are left out until they are translated.
func TestTemplFilesSpellOutNoText(t *testing.T) {
	untranslated := untranslatedFiles(t)
	var paths []string
	err := filepath.WalkDir(filepath.Join(root, "internal"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".templ") {
			return err
		}
		if rel, err := filepath.Rel(root, path); err == nil && !untranslated[filepath.ToSlash(rel)] {
			paths = append(paths, path)
		}
		return nil
	})
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	for _, path := range paths {
		for _, problem := range spelledOut(t, path) {
			t.Errorf("%s: %s: use i18n.T with a message key", path, problem)
		}
	}
}

// untranslatedFiles reads untranslated.txt, if there is one: a path from the module's root per
// line; # starts a comment.
func untranslatedFiles(t *testing.T) map[string]bool {
	t.Helper()
	data, err := os.ReadFile("untranslated.txt")
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	require.NoError(t, err)
	files := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			files[line] = true
		}
	}
	return files
}

// translatable are the attributes whose values people read.
var translatable = []string{"title", "alt", "placeholder", "aria-label", "hx-confirm", "label"}

// spelledOut returns the text and the readable attributes of the templ file at path that hold
// words.
func spelledOut(t *testing.T, path string) []string {
	t.Helper()
	file, err := parser.Parse(path)
	require.NoError(t, err, path)
	var problems []string
	v := visitor.New()
	visitElement := v.Element
	v.Element = func(n *parser.Element) error {
		if slices.Contains([]string{"code", "pre", "kbd", "samp"}, n.Name) {
			return nil
		}
		return visitElement(n)
	}
	v.Text = func(n *parser.Text) error {
		if hasWords(n.Value) {
			problems = append(problems, "line "+strconv.Itoa(int(n.Range.From.Line)+1)+": text "+quote(n.Value))
		}
		return nil
	}
	v.ConstantAttribute = func(n *parser.ConstantAttribute) error {
		if slices.Contains(translatable, n.Key.String()) && hasWords(n.Value) {
			problems = append(problems, "attribute "+n.Key.String()+"="+quote(n.Value))
		}
		return nil
	}
	require.NoError(t, file.Visit(v))
	return problems
}

func hasWords(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

func quote(s string) string { return `"` + strings.TrimSpace(s) + `"` }

func TestTranslate(t *testing.T) {
	en := WithLocale(context.Background(), "en")
	es := WithLocale(context.Background(), "es")

	assert.Equal(t, "Sign in", T(en, "login.title"))
	assert.Equal(t, "Iniciar sesión", T(es, "login.title"))
	assert.Equal(t, "Continue with GitHub", T(en, "login.continue_with", Args{"Provider": "GitHub"}))
	assert.Equal(t, "Sign in", T(context.Background(), "login.title"), "no locale is the source locale")
	assert.Equal(t, "en", Locale(WithLocale(context.Background(), "xx")), "an unknown locale is the source locale")
	assert.Equal(t, "no.such.key", T(es, "no.such.key"), "a missing key shows itself")
	assert.Equal(t, "is required", T(en, "is required"), "text that is no key is shown as it is")
}

func TestPluralsAndNumbersFollowTheLocale(t *testing.T) {
	en := WithLocale(context.Background(), "en")
	es := WithLocale(context.Background(), "es")

	assert.Equal(t, "1 user.", N(en, "admin.users", 1))
	assert.Equal(t, "2 users.", N(en, "admin.users", 2))
	assert.Equal(t, "1,234 users.", N(en, "admin.users", 1234))
	assert.Equal(t, "1 usuario.", N(es, "admin.users", 1))
	assert.Equal(t, "12.345 usuarios.", N(es, "admin.users", 12345))
	assert.Equal(t, "1,234,567.5", Number(en, 1234567.5))
	assert.Equal(t, "1.234.567,5", Number(es, 1234567.5))

	args := Args{"Role": "editor"}
	assert.Equal(t, "Grant editor", T(en, "admin.grant", args))
	N(en, "admin.users", 3, args)
	assert.Equal(t, Args{"Role": "editor"}, args, "N leaves the caller's values alone")
}

func TestDatesFollowTheLocale(t *testing.T) {
	at := time.Date(2026, 3, 9, 14, 5, 0, 0, time.UTC)
	assert.Equal(t, "9 Mar 2026", Date(WithLocale(context.Background(), "en"), at))
	assert.Equal(t, "9/3/2026", Date(WithLocale(context.Background(), "es"), at))
	assert.Equal(t, "9/3/2026 14:05 UTC", DateTime(WithLocale(context.Background(), "es"), at))
}

func TestMatch(t *testing.T) {
	assert.Equal(t, "es", Match("es-AR,es;q=0.9"))
	assert.Equal(t, "en", Match("en-GB"))
	assert.Equal(t, "es", Match("fr;q=0.9,es;q=0.5"))
	assert.Empty(t, Match("ja"))
	assert.Empty(t, Match(""))
	assert.Empty(t, Match("===;;"))
}

func TestLocalesAndNames(t *testing.T) {
	assert.Equal(t, Source, Locales()[0])
	assert.Contains(t, Locales(), "es")
	assert.True(t, Has("es"))
	assert.False(t, Has("es-XX"))
	assert.Equal(t, "Español", Name("es"))
	assert.Equal(t, "English", Name("en"))
}

func TestBadLocaleFilesAreRefused(t *testing.T) {
	tests := map[string]fstest.MapFS{
		"no source locale":  {"locales/app.es.yaml": {Data: []byte(`a.b: "x"`)}},
		"no locale in name": {"locales/app.en.yaml": {Data: []byte(`a.b: "x"`)}, "locales/app.yaml": {Data: []byte(`a.b: "x"`)}},
		"malformed YAML":    {"locales/app.en.yaml": {Data: []byte("a.b: [\n")}},
		"mixed keys":        {"locales/app.en.yaml": {Data: []byte("a:\n  one: x\n  title: y\n")}},
	}
	for name, files := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := load(files)
			assert.Error(t, err)
		})
	}
}

func BenchmarkT(b *testing.B) {
	ctx := WithLocale(context.Background(), "es")
	b.Run("fixed", func(b *testing.B) {
		for b.Loop() {
			T(ctx, "nav.sign_in")
		}
	})
	b.Run("with values", func(b *testing.B) {
		args := Args{"Provider": "GitHub"}
		for b.Loop() {
			T(ctx, "login.continue_with", args)
		}
	})
	b.Run("plural", func(b *testing.B) {
		for b.Loop() {
			N(ctx, "admin.users", 12)
		}
	})
}

func FuzzMatch(f *testing.F) {
	for _, seed := range []string{"es-ES,es;q=0.9,en;q=0.8", "en", "*", "ja;q=0", "es;q=1.5", "x-klingon", ";;;", "en-US,en;q=0.9," + strings.Repeat("fr;q=0.1,", 100)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, header string) {
		got := Match(header)
		if got != "" && !Has(got) {
			t.Fatalf("Match(%q) = %q, a locale the application does not have", header, got)
		}
		if again := Match(header); again != got {
			t.Fatalf("Match(%q) = %q, then %q", header, got, again)
		}
	})
}
