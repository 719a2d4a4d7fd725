package corpus

import (
	"strings"
	"testing"
	"time"

	"patientqa"
)

var today = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// validDoc is a document with no problems; each case below breaks one thing.
const validDoc = `---
id: sample-doc
kind: trial
title: 一项试验的结果
publisher: European Heart Journal
published: 2020-08-28
lang: zh
source:
  title: The BAMI trial
  url: https://pmc.ncbi.nlm.nih.gov/articles/PMC7666866
  doi: 10.1093/eurheartj/ehaa651
  pmid: "32860406"
status: vetted
verified_at: 2026-11-25
review_due: 2027-11-25
key_points:
  - 一项约375人的随机对照试验没有发现死亡率降低。
topics: [evidence]
conditions: [heart-attack]
facts: [EVD-004]
---
试验把375名患者随机分为两组。
`

func lintSample(t *testing.T, text string) []Problem {
	t.Helper()
	d, err := Parse("sample-doc.md", []byte(text))
	if err != nil {
		return []Problem{{Path: "sample-doc.md", Message: err.Error()}}
	}
	c, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return LintDoc(d, c.Vocabulary, LintOptions{Now: today, Facts: map[string]bool{"EVD-004": true}})
}

func TestLintValid(t *testing.T) {
	if ps := lintSample(t, validDoc); len(ps) != 0 {
		t.Fatalf("valid document has problems: %v", ps)
	}
}

func TestLintBroken(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"missing source", "source:\n  title: The BAMI trial\n  url: https://pmc.ncbi.nlm.nih.gov/articles/PMC7666866\n  doi: 10.1093/eurheartj/ehaa651\n  pmid: \"32860406\"\n", "", "source: no URL and no identifier"},
		{"malformed DOI", "doi: 10.1093/eurheartj/ehaa651", "doi: doi.org/ehaa651", "source.doi: malformed doi"},
		{"malformed NCT", "pmid: \"32860406\"", "nct: NCT123", "source.nct: malformed nct"},
		{"malformed PMID", "pmid: \"32860406\"", "pmid: \"PMID32860406\"", "source.pmid: malformed pmid"},
		{"malformed wenhao", "pmid: \"32860406\"", "wenhao: 2015年48号", "source.wenhao: malformed wenhao"},
		{"mirror URL", "https://pmc.ncbi.nlm.nih.gov/articles/PMC7666866", "http://47.251.13.51:8081/32860406", "mirror or reprint"},
		{"not a URL", "https://pmc.ncbi.nlm.nih.gov/articles/PMC7666866", "pmc/PMC7666866", "not a web address"},
		{"overdue review", "review_due: 2027-11-25", "review_due: 2026-01-01", "review_due: review was due"},
		{"missing review date", "review_due: 2027-11-25\n", "", "review_due: missing"},
		{"unknown status", "status: vetted", "status: approved", "status: unknown status"},
		{"unknown kind", "kind: trial", "kind: blog", "kind: unknown kind"},
		{"missing title", "title: 一项试验的结果\n", "", "title: missing"},
		{"missing publisher", "publisher: European Heart Journal\n", "", "publisher: missing"},
		{"bad published", "published: 2020-08-28", "published: August 2020", "published:"},
		{"promissory key point", "一项约375人的随机对照试验没有发现死亡率降低。", "干细胞可以根治心脏病。", "promissory wording"},
		{"promissory body", "试验把375名患者随机分为两组。", "干细胞回输将为更多患者带来福音。", "promissory wording"},
		{"promissory English", "一项约375人的随机对照试验没有发现死亡率降低。", "Stem cells cure heart disease.", "promissory wording"},
		{"unknown fact id", "facts: [EVD-004]", "facts: [EVD-999]", "unknown fact id"},
		{"malformed fact id", "facts: [EVD-004]", "facts: [evidence-4]", "malformed fact id"},
		{"no facts", "facts: [EVD-004]", "facts: []", "must list its facts"},
		{"unknown topic", "topics: [evidence]", "topics: [miracles]", "unknown topic"},
		{"unknown condition", "conditions: [heart-attack]", "conditions: [gout]", "unknown condition"},
		{"id not file name", "id: sample-doc", "id: other-doc", "does not match the file name"},
		{"traditional script", "一项约375人的随机对照试验没有发现死亡率降低。", "一項約375人的隨機對照試驗沒有發現死亡率降低。", "Traditional"},
		{"html", "试验把375名患者随机分为两组。", "试验<script>alert(1)</script>", "HTML"},
		{"unknown field", "status: vetted", "status: vetted\nreviewer: me", "field reviewer not found"},
		{"no key point terminator", "没有发现死亡率降低。", "没有发现死亡率降低", "does not end a sentence"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(validDoc, tt.old) {
				t.Fatalf("test case does not apply: %q not in the valid document", tt.old)
			}
			ps := lintSample(t, strings.Replace(validDoc, tt.old, tt.new, 1))
			var all []string
			for _, p := range ps {
				all = append(all, p.String())
			}
			if !strings.Contains(strings.Join(all, "\n"), tt.want) {
				t.Fatalf("want a problem containing %q, got:\n%s", tt.want, strings.Join(all, "\n"))
			}
			for _, p := range ps {
				if p.Message == "" || (p.Fix == "" && !strings.Contains(p.Message, "field")) {
					t.Errorf("problem without message or fix: %+v", p)
				}
			}
		})
	}
}

// TestEmbeddedCorpus lints the shipped corpus against the real clock and the fact sheets:
// it fails the day a review falls due, which is the point.
func TestEmbeddedCorpus(t *testing.T) {
	c, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	facts, err := ReadFactIDs("../../shared/facts", "SOURCES.md")
	if err != nil {
		t.Fatalf("the fact sheets must be beside the checkout (../shared/facts): %v", err)
	}
	for _, p := range Lint(c, LintOptions{Now: time.Now().UTC(), Facts: facts}) {
		t.Error(p)
	}
	vetted, en := 0, 0
	for _, d := range c.Docs {
		if d.Status == patientqa.StatusVetted {
			vetted++
			if d.Lang == patientqa.LangEn {
				en++
			}
		}
	}
	if vetted < 12 || en < 4 {
		t.Errorf("corpus has %d vetted documents (%d English); want at least 12 and 4", vetted, en)
	}
	if c.Version == "" {
		t.Error("no corpus version")
	}
}

func TestServable(t *testing.T) {
	d := &patientqa.Document{Status: patientqa.StatusVetted, ReviewDue: today}
	if !d.Servable(today.Add(23 * time.Hour)) {
		t.Error("a review due today is still served")
	}
	if d.Servable(today.Add(24 * time.Hour)) {
		t.Error("an overdue document is served")
	}
	d.Status = patientqa.StatusDraft
	if d.Servable(today) {
		t.Error("a draft is served")
	}
}

func TestPassages(t *testing.T) {
	d, err := Parse("sample-doc.md", []byte(validDoc))
	if err != nil {
		t.Fatal(err)
	}
	ps := Passages(d)
	if len(ps) != 2 || ps[0].ID != "sample-doc#k0" || ps[1].ID != "sample-doc#p0" || ps[0].Heading != d.Title {
		t.Fatalf("passages = %+v", ps)
	}
}
