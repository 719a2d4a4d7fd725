package promise

import "testing"

// FuzzCheck: any text is checked without a panic, and every finding is a sentence of the input.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{"干细胞可以根治渐冻症。", "目前没有证据表明干细胞能治愈渐冻症。", "Stem cells cure ALS.", "、、，", "\xff", "唔会再发作", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fd := range Check(s) {
			if fd.Sentence == "" || fd.Cue == "" {
				t.Fatalf("Check(%q) gave an empty finding %+v", s, fd)
			}
		}
		Distrusts(s)
	})
}
