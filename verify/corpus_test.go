package verify

import (
	"strings"
	"testing"

	"patientqa/corpus"
)

// TestCorpusKeyPointsVerify: every key point of the corpus, cited against its own document,
// is supported (the verifier must never reject the corpus's own words).
func TestCorpusKeyPointsVerify(t *testing.T) {
	c, err := corpus.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	n, bad := 0, 0
	for _, d := range c.Docs {
		text := d.Title + "\n" + strings.Join(append(append([]string{}, d.KeyPoints...), d.Body...), "\n")
		given := Prepare(map[int]string{1: text})
		for _, k := range d.KeyPoints {
			n++
			s := strings.TrimSuffix(strings.TrimSuffix(k, "。"), ".") + "[1]。"
			if r := given.Sentence(s); !r.OK {
				bad++
				t.Errorf("%s: %s — %s", d.ID, k, r.Reason)
			}
		}
	}
	t.Logf("%d key points, %d rejected", n, bad)
}
