package retrieval

import (
	"strings"
	"testing"
	"unicode/utf8"

	"patientqa/normalize"
)

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"干细胞", "parkinson's disease", "120急救", "stem-cell", "''", "a'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := normalize.Fold(s)
		for _, tok := range Tokenize(folded) {
			if tok == "" || !utf8.ValidString(tok) || strings.ContainsAny(tok, " \t\n") {
				t.Fatalf("Tokenize(%q) gave token %q", folded, tok)
			}
		}
	})
}
