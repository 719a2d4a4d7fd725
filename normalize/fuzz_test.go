package normalize

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzFold(f *testing.F) {
	for _, s := range []string{"幹細胞治療真實效果怎麼樣？", "ＡＬＳ　患者", "打完干细胞 后一直发高 烧", "\xff\xfe", "a\u200bb", "", "🙂 stem cells"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Fold(%q) is not valid UTF-8", s)
		}
		if again := Fold(got); again != got {
			t.Fatalf("Fold is not idempotent on %q: %q then %q", s, got, again)
		}
		DetectScript(s)
		if isSimplified(s) && ToSimplified(s) != s {
			t.Fatalf("isSimplified(%q), but it converts to %q", s, ToSimplified(s))
		}
		ASCII(got)
		// FoldSpaces folds alike and gives offsets inside the folded text, ascending.
		f, at := FoldSpaces(s)
		if f != got || !slices.IsSorted(at) || len(at) > 0 && at[len(at)-1] > len(f) {
			t.Fatalf("FoldSpaces(%q) = %q %v, Fold %q", s, f, at, got)
		}
	})
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{"第一句。第二句！", "It did not help [1]. Ask.", "3.26% vs 3.82%.", "“能根治。”但没有证据。", "[", "。[1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parts := Sentences(s)
		// Every sentence is a trimmed, non-empty piece of the input, in order.
		rest := s
		for _, p := range parts {
			if p == "" || p != strings.TrimSpace(p) {
				t.Fatalf("Sentences(%q) gave %q", s, p)
			}
			i := strings.Index(rest, p)
			if i < 0 {
				t.Fatalf("Sentences(%q): %q is not in order in the input", s, p)
			}
			rest = rest[i+len(p):]
		}
	})
}
