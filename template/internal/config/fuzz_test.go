package config

import "testing"

// FuzzSettings gives one value to every setting's parser: none panics, and each either takes it
// or says what is wrong with it.
func FuzzSettings(f *testing.F) {
	for _, seed := range []string{
		"8080", "-1", "99999999999999999999", "30s", "-5m", "1h1h1h", "true", "sometimes", "https://example.com",
		"http://[::1", "10.0.0.0/8, 192.168.1.7", "10.0.0.0/33", "a@b.c", "Ada <ada@example.com>", "es", "\x00", "",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if raw == "" {
			return // unset: the default applies
		}
		var c Config
		for _, section := range settings(&c) {
			for _, s := range section.settings {
				if s.parse == nil {
					continue
				}
				if err := s.parse(raw); err != nil && err.Error() == "" {
					t.Fatalf("%s=%q: an error that says nothing", s.key, raw)
				}
			}
		}
	})
}
