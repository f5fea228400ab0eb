// Package i18n translates the application's text: every page, email, flash and validation
// message is looked up here by its key, in the locale of the request.
//
// The messages live in locales/*.yaml, embedded in the binary: one file per locale and topic,
// named <topic>.<locale>.yaml (app.en.yaml, posts.es.yaml). Keys are flat and dotted
// ("login.title"); a message with plural forms is a map of CLDR plural categories
// (one, other, and for some languages few, many). A message refers to values passed with it
// by name: "Hello, {{.Name}}". English (en) is the source locale: every key is defined in it,
// and a key a locale lacks is shown in English. Adding a locale is adding its files;
// TestEveryLocaleHasEveryKey lists what is missing.
//
// The locale of a request is chosen by middleware.Locale, from an explicit choice (the
// language switcher's cookie), the Accept-Language header and DEFAULT_LOCALE, in that order.
// Code that runs outside a request (jobs) carries the locale along and sets it with WithLocale.
package i18n

import (
	"cmp"
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
	"gopkg.in/yaml.v3"
)

// Source is the locale every message is written in first, and the one shown for a key that
// another locale lacks.
const Source = "en"

//go:embed locales/*.yaml
var files embed.FS

// Args are the values a message refers to by name ({{.Name}} for Args{"Name": ...}).
type Args map[string]any

// catalog holds every locale's messages.
type catalog struct {
	bundle  *goi18n.Bundle
	tags    []language.Tag
	matcher language.Matcher
	// locales maps each locale's name to its translator.
	locales map[string]*translator
	// keys lists the message keys each locale defines, for the tests.
	keys map[string][]string
}

// translator translates into one locale.
type translator struct {
	name      string
	tag       language.Tag
	localizer *goi18n.Localizer
	printer   *message.Printer
	// fixed holds the messages that refer to no value and have no plural forms, translated once:
	// most of a page's text, which T then finds without running go-i18n.
	fixed map[string]string
}

// messages is the catalog of the embedded locale files, loaded when the program starts: a
// malformed file stops it at once rather than on the first page that needs it.
var messages = mustLoad(files)

func mustLoad(fsys fs.FS) *catalog {
	c, err := load(fsys)
	if err != nil {
		panic(fmt.Sprintf("i18n: %v", err))
	}
	return c
}

// load reads every locales/*.yaml file of fsys.
func load(fsys fs.FS) (*catalog, error) {
	bundle := goi18n.NewBundle(language.MustParse(Source))
	bundle.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	paths, err := fs.Glob(fsys, "locales/*.yaml")
	if err != nil {
		return nil, err
	}
	keys := map[string][]string{}
	// fixed says, by locale and key, whether a message refers to no value and has no plural forms.
	fixed := map[string]map[string]bool{}
	for _, path := range paths {
		file, err := bundle.LoadMessageFileFS(fsys, path)
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", path, err)
		}
		if file.Tag == language.Und {
			return nil, fmt.Errorf("load %s: name it <topic>.<locale>.yaml, such as app.en.yaml", path)
		}
		locale := file.Tag.String()
		for _, m := range file.Messages {
			keys[locale] = append(keys[locale], m.ID)
			if fixed[locale] == nil {
				fixed[locale] = map[string]bool{}
			}
			fixed[locale][m.ID] = isFixed(m)
		}
	}
	if _, ok := keys[Source]; !ok {
		return nil, errors.New("no messages in the source locale " + Source)
	}
	c := &catalog{bundle: bundle, locales: map[string]*translator{}, keys: keys}
	// The source locale comes first: the matcher falls back to it.
	c.tags = slices.SortedFunc(slices.Values(bundle.LanguageTags()), func(a, b language.Tag) int {
		switch {
		case a.String() == Source:
			return -1
		case b.String() == Source:
			return 1
		}
		return cmp.Compare(a.String(), b.String())
	})
	for _, tag := range c.tags {
		t := &translator{
			name:      tag.String(),
			tag:       tag,
			localizer: goi18n.NewLocalizer(bundle, tag.String(), Source),
			printer:   message.NewPrinter(tag),
			fixed:     map[string]string{},
		}
		for key, ok := range fixed[t.name] {
			if !ok || !fixed[Source][key] {
				continue
			}
			if text, err := t.localizer.Localize(&goi18n.LocalizeConfig{MessageID: key}); err == nil {
				t.fixed[key] = text
			}
		}
		c.locales[tag.String()] = t
	}
	c.matcher = language.NewMatcher(c.tags)
	return c, nil
}

// Locales returns the locales the application has, the source locale first.
func Locales() []string {
	names := make([]string, len(messages.tags))
	for i, tag := range messages.tags {
		names[i] = tag.String()
	}
	return names
}

// Has reports whether the application has messages in locale.
func Has(locale string) bool {
	_, ok := messages.locales[locale]
	return ok
}

// Match returns the locale of the application that best serves an Accept-Language header, or
// "" when it names none of them (or is empty or malformed). Browsers send few distinct headers:
// the answers for up to matchesKept of them are kept, so that most requests skip the parsing.
func Match(acceptLanguage string) string {
	if locale, ok := matches.Load(acceptLanguage); ok {
		return locale.(string)
	}
	locale := match(acceptLanguage)
	if len(acceptLanguage) <= 256 && matchCount.Add(1) <= matchesKept {
		matches.Store(acceptLanguage, locale)
	}
	return locale
}

const matchesKept = 1000

var (
	matches    sync.Map // Accept-Language header → locale
	matchCount atomic.Int64
)

func match(acceptLanguage string) string {
	wanted, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(wanted) == 0 {
		return ""
	}
	_, index, confidence := messages.matcher.Match(wanted...)
	if confidence == language.No {
		return ""
	}
	return messages.tags[index].String()
}

type contextKey struct{}

// WithLocale returns a copy of ctx in which text is translated into locale. A locale the
// application does not have means the source locale.
func WithLocale(ctx context.Context, locale string) context.Context {
	t, ok := messages.locales[locale]
	if !ok {
		t = messages.locales[Source]
	}
	return context.WithValue(ctx, contextKey{}, t)
}

// Locale returns the locale of ctx, such as "en".
func Locale(ctx context.Context) string { return from(ctx).name }

func from(ctx context.Context) *translator {
	if t, ok := ctx.Value(contextKey{}).(*translator); ok {
		return t
	}
	return messages.locales[Source]
}

// T returns the message key in the locale of ctx, filled in with args. A key no locale
// defines comes back as it is, which makes it easy to spot on the page (and the tests fail).
func T(ctx context.Context, key string, args ...Args) string {
	t := from(ctx)
	if text, ok := t.fixed[key]; ok {
		return text
	}
	return t.localize(&goi18n.LocalizeConfig{MessageID: key, TemplateData: merge(args)})
}

// isFixed reports whether m refers to no value and has no plural forms.
func isFixed(m *goi18n.Message) bool {
	plural := m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != ""
	return !plural && !strings.Contains(m.Other, "{{")
}

// N returns the plural form of message key that suits count, in the locale of ctx. The
// message refers to the number as {{.Count}}, formatted for the locale.
func N(ctx context.Context, key string, count int, args ...Args) string {
	t := from(ctx)
	data := merge(append(slices.Clip(args), Args{"Count": t.printer.Sprint(count)}))
	return t.localize(&goi18n.LocalizeConfig{MessageID: key, PluralCount: count, TemplateData: data})
}

func (t *translator) localize(config *goi18n.LocalizeConfig) string {
	text, err := t.localizer.Localize(config)
	if err != nil && text == "" {
		return config.MessageID
	}
	return text
}

// merge returns the values of every args in one map (nil for none), the last one winning.
func merge(args []Args) Args {
	switch len(args) {
	case 0:
		return nil
	case 1:
		return args[0]
	}
	all := Args{}
	for _, a := range args {
		maps.Copy(all, a)
	}
	return all
}

// Name returns the name of locale in that language ("Español"), for the language switcher.
func Name(locale string) string {
	t, ok := messages.locales[locale]
	if !ok {
		return locale
	}
	return t.localize(&goi18n.LocalizeConfig{MessageID: "locale.name"})
}

// Date formats t as a date in the locale of ctx (the layout is the message format.date).
func Date(ctx context.Context, t time.Time) string {
	return t.Format(T(ctx, "format.date"))
}

// DateTime formats t as a date and time in the locale of ctx (format.datetime).
func DateTime(ctx context.Context, t time.Time) string {
	return t.Format(T(ctx, "format.datetime"))
}

// Number formats n, an integer or floating-point number, with the digit grouping and decimal
// separator of the locale of ctx.
func Number(ctx context.Context, n any) string {
	return from(ctx).printer.Sprint(number.Decimal(n))
}
