package retrieval

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"patientqa"
	"patientqa/corpus"
	"patientqa/internal/synth"
	"patientqa/normalize"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"干细胞", []string{"干", "干细", "细", "细胞", "胞"}},
		{"渐冻症吗", []string{"渐", "渐冻", "冻", "冻症", "症"}},
		{"什么是干细胞", []string{"干", "干细", "细", "细胞", "胞"}},
		{"stem cells work?", []string{"stem", "cell", "work"}},
		{"parkinson's disease", []string{"parkinson", "disease"}},
		{"the trials of the", []string{"trial"}},
		{"120急救", []string{"120", "急", "急救", "救"}},
		{"stem-cell", []string{"stem", "cell"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Tokenize(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestConcepts(t *testing.T) {
	c, err := corpus.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	a := NewAnalyzer(c.Concepts)
	tests := []struct {
		in   string
		want []string
	}{
		{"渐冻人能打干细胞吗", []string{"#als", "#stem-cell", "#infusion"}},
		{"漸凍症", []string{"#als"}},
		{"Does it help ALS?", []string{"#als"}},
		{"also", nil}, // "als" inside a word is not ALS
		{"脑梗后遗症", []string{"#stroke"}},
		{"my knee osteoarthritis", []string{"#knee-oa"}},
		{"老寒腿", []string{"#knee-oa"}},
		{"Stem-cell therapy for Parkinson's", []string{"#stem-cell", "#parkinsons"}},
	}
	for _, tt := range tests {
		_, terms := a.Analyze(tt.in)
		var got []string
		for _, term := range terms {
			if term[0] == '#' {
				got = append(got, term)
			}
		}
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("Analyze(%q) concepts = %v, want %s", tt.in, got, w)
			}
		}
		if tt.want == nil && got != nil {
			t.Errorf("Analyze(%q) concepts = %v, want none", tt.in, got)
		}
	}
}

func passages(texts ...string) []*patientqa.Passage {
	var ps []*patientqa.Passage
	for i, t := range texts {
		ps = append(ps, &patientqa.Passage{ID: string(rune('a' + i)), DocID: string(rune('a' + i)), Text: t})
	}
	return ps
}

func corpusIndex(t testing.TB, lang patientqa.Lang) (*Analyzer, *Index) {
	c, err := corpus.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	a := NewAnalyzer(c.Concepts)
	var ps []*patientqa.Passage
	for _, d := range c.Docs {
		if d.Lang == lang {
			ps = append(ps, corpus.Passages(d)...)
		}
	}
	return a, NewIndex(a, ps)
}

func TestSearch(t *testing.T) {
	tests := []struct {
		lang     patientqa.Lang
		question string
		doc      string // expected document of the best passage
	}{
		{patientqa.LangZh, "渐冻症打干细胞有用吗", "als-evidence"},
		{patientqa.LangZh, "漸凍人可以打幹細胞嗎", "als-evidence"},
		{patientqa.LangZh, "我爸脑梗了，干细胞有没有用", "stroke-evidence"},
		{patientqa.LangZh, "老寒腿打干细胞靠谱吗", "knee-oa-evidence"},
		{patientqa.LangZh, "心梗以后输骨髓细胞有用吗", "heart-attack-evidence"},
		{patientqa.LangZh, "自闭症孩子输脐带血", "autism-evidence"},
		{patientqa.LangEn, "does stem cell therapy help ALS", "als-evidence-en"},
		{patientqa.LangEn, "knee osteoarthritis injections", "knee-oa-evidence-en"},
	}
	idx := map[patientqa.Lang]*Index{}
	var a *Analyzer
	for _, l := range []patientqa.Lang{patientqa.LangZh, patientqa.LangEn} {
		a, idx[l] = corpusIndex(t, l)
	}
	for _, tt := range tests {
		_, q := a.Analyze(tt.question)
		got := idx[tt.lang].Search(q, 5)
		if len(got) == 0 || got[0].Passage.DocID != tt.doc {
			var ids []string
			for _, g := range got {
				ids = append(ids, g.Passage.ID)
			}
			t.Errorf("%q: want %s first, got %v", tt.question, tt.doc, ids)
		}
	}
	if got := idx[patientqa.LangZh].Search([]string{"不存在的词"}, 3); len(got) != 0 {
		t.Errorf("an unknown term finds nothing, got %d", len(got))
	}
}

func TestCoverage(t *testing.T) {
	a, ix := corpusIndex(t, patientqa.LangZh)
	cov := func(question, doc string) float64 {
		q := patientqa.Query{Text: question}
		q.Text, q.Tokens = a.Analyze(question)
		var ps []*patientqa.Passage
		for _, s := range ix.Search(q.Tokens, 40) {
			if s.Passage.DocID == doc {
				ps = append(ps, s.Passage)
			}
		}
		return ix.Coverage(q, ps)
	}
	if hi, lo := cov("渐冻症打干细胞有用吗", "als-evidence"), cov("渐冻症打干细胞有用吗", "cord-blood"); hi < 0.5 || hi <= lo {
		t.Errorf("coverage of the ALS document %.2f should be high and exceed the cord-blood document %.2f", hi, lo)
	}
	if c := cov("干细胞能治银屑病吗", "stem-cells-basics"); c >= 0.5 {
		t.Errorf("a question about a disease the corpus lacks is covered %.2f", c)
	}
}

func TestFuse(t *testing.T) {
	ps := passages("a", "b", "c")
	l1 := []patientqa.Scored{{Passage: ps[0], Score: 9}, {Passage: ps[1], Score: 5}}
	l2 := []patientqa.Scored{{Passage: ps[1], Score: 0.9}, {Passage: ps[2], Score: 0.8}}
	got := Fuse(l1, l2)
	if len(got) != 3 || got[0].Passage.ID != "b" {
		t.Fatalf("b is in both lists and should lead: %+v", got)
	}
	want := 1.0/61 + 1.0/62
	if d := got[0].Score - want; d > 1e-12 || d < -1e-12 {
		t.Errorf("RRF score = %v, want %v", got[0].Score, want)
	}
}

func BenchmarkTokenize(b *testing.B) {
	c, _ := corpus.Embedded()
	a := NewAnalyzer(c.Concepts)
	b.ReportAllocs()
	for b.Loop() {
		a.Analyze("我爸爸中风两年了，听说干细胞回输可以修复脑神经，这个靠谱吗？")
	}
}

func BenchmarkSearch(b *testing.B) {
	a, ix := corpusIndex(b, patientqa.LangZh)
	_, q := a.Analyze("干细胞治疗真实效果怎么样")
	b.ReportAllocs()
	for b.Loop() {
		ix.Search(q, 40)
	}
}

// BenchmarkSearchSizes searches at the shipped corpus and at 10k and 100k passages.
func BenchmarkSearchSizes(b *testing.B) {
	c, _ := corpus.Embedded()
	for _, n := range []int{0, 10_000, 100_000} {
		name, cc := "shipped", c
		if n > 0 {
			name, cc = fmt.Sprintf("%dk", n/1000), synth.Corpus(c, n)
		}
		a := NewAnalyzer(cc.Concepts)
		var ps []*patientqa.Passage
		for _, d := range cc.Docs {
			if d.Lang == patientqa.LangZh {
				ps = append(ps, corpus.Passages(d)...)
			}
		}
		ix := NewIndex(a, ps)
		_, q := a.Analyze("渐冻症打干细胞有没有用")
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ix.Search(q, 40)
			}
		})
	}
}

// TestConceptMatchesNaive checks the one-pass concept matcher against the plain search it
// replaced (every term at every position, in concept-map order) on every passage and title of
// the corpus.
func TestConceptMatchesNaive(t *testing.T) {
	c, err := corpus.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	a := NewAnalyzer(c.Concepts)
	naive := func(folded string) (ids, words []string) {
		folded = quotes.Replace(folded)
		type match struct {
			start, end int
			t          conceptTerm
		}
		var ms []match
		for i := range folded {
			for _, t := range a.terms {
				if strings.HasPrefix(folded[i:], t.text) && (!t.latin || wordBounded(folded, i, i+len(t.text))) {
					ms = append(ms, match{i, i + len(t.text), t})
				}
			}
		}
		seen := map[string]bool{}
		for _, m := range ms {
			inside := slices.ContainsFunc(ms, func(o match) bool {
				return m.t.condition && o.t.condition && o.t.id != m.t.id && o.start <= m.start && m.end <= o.end &&
					o.end-o.start > m.end-m.start
			})
			if inside {
				continue
			}
			words = append(words, m.t.text)
			if !seen[m.t.id] {
				seen[m.t.id] = true
				ids = append(ids, ConceptPrefix+m.t.id)
			}
		}
		return ids, words
	}
	texts := []string{"类风湿关节炎和膝关节炎", "“回输”是什么", "also ALS, als-like", ""}
	for _, d := range c.Docs {
		texts = append(texts, d.Title)
		for _, p := range corpus.Passages(d) {
			texts = append(texts, p.Text)
		}
	}
	for _, s := range texts {
		f := normalize.Fold(s)
		gotIDs, gotWords := a.conceptMatches(f)
		wantIDs, wantWords := naive(f)
		if !slices.Equal(gotIDs, wantIDs) || !slices.Equal(gotWords, wantWords) {
			t.Fatalf("%q:\ngot  %q %q\nwant %q %q", s, gotIDs, gotWords, wantIDs, wantWords)
		}
	}
}

func TestIsHan(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isHan(r) != unicode.Is(unicode.Han, r) {
			t.Fatalf("isHan(%U) = %v", r, isHan(r))
		}
	}
}
