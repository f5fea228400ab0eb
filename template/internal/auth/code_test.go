package auth

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The codes must be uniformly random: every digit value equally likely at every position
// (a chi-squared test at p = 0.001, so that it fails by chance once in a thousand runs) and
// practically no repeats.
func TestCodesAreUniformAndUnique(t *testing.T) {
	const n = 20_000
	var counts [CodeLength][10]int
	seen := make(map[string]bool, n)
	repeats := 0
	for range n {
		code, err := newCode()
		require.NoError(t, err)
		require.Len(t, code, CodeLength)
		if seen[code] {
			repeats++
		}
		seen[code] = true
		for i, c := range code {
			counts[i][c-'0']++
		}
	}
	// Expected repeats among n draws from 10^8 values: n²/2/10^8 = 2.
	assert.LessOrEqual(t, repeats, 12)

	// 27.88 is the chi-squared critical value for 9 degrees of freedom at p = 0.001.
	expected := float64(n) / 10
	for pos, digits := range counts {
		chi2 := 0.0
		for _, c := range digits {
			chi2 += math.Pow(float64(c)-expected, 2) / expected
		}
		assert.Less(t, chi2, 27.88, "digit distribution at position %d: %v", pos, digits)
	}
	assert.Greater(t, math.Log2(math.Pow10(CodeLength)), 20.0, "at least 20 bits of entropy")
}

func TestNormalizeCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"12345678", "12345678"},
		{" 1234 5678 ", "12345678"},
		{"1234-5678", "12345678"},
		{"1234567", ""},
		{"123456789", ""},
		{"1234567a", ""},
		{"", ""},
		{"１２３４５６７８", ""}, // full-width digits are not ASCII digits
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, NormalizeCode(tt.in), "%q", tt.in)
	}
}

func TestNormalizeEmail(t *testing.T) {
	valid := []struct{ in, want string }{
		{"ada@example.com", "ada@example.com"},
		{"  Ada@Example.COM ", "ada@example.com"},
		{"ada+tag@mail.example.org", "ada+tag@mail.example.org"},
	}
	for _, tt := range valid {
		got, err := NormalizeEmail(tt.in)
		require.NoError(t, err, "%q", tt.in)
		assert.Equal(t, tt.want, got)
	}
	for _, in := range []string{"", "ada", "ada@example", "Ada <ada@example.com>", "ada@example.com\r\nBcc: x@y.z"} {
		_, err := NormalizeEmail(in)
		assert.ErrorIs(t, err, ErrInvalidEmail, "%q", in)
	}
}

func TestBaseUsername(t *testing.T) {
	tests := map[string]string{
		"ada@example.com":          "ada",
		"Ada.Lovelace@example.com": "ada-lovelace",
		"a..b__c@example.com":      "a-b__c",
		"x@example.com":            "userx",
		"..@example.com":           "user",
		"verylongname.with.many.parts.indeed@example.com": "verylongname-with-many-parts",
	}
	for in, want := range tests {
		got := baseUsername(in)
		assert.Equal(t, want, got, "%q", in)
		assert.True(t, ValidUsername(got) || len(got) < 3, got)
	}
}
