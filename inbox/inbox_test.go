package inbox

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestFileRedactsAndBounds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "inbox.jsonl")
	f := &File{Path: path, Max: 10}
	var wg sync.WaitGroup
	for i := range 25 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f.Add(Entry{Time: time.Now(), Kind: KindUnanswered, Lang: "zh-Hans",
				Question: "我叫李四，电话13912345678，干细胞能治痛风吗" + strings.Repeat("!", i)}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	b, _ := os.ReadFile(path)
	if strings.Contains(string(b), "13912345678") || strings.Contains(string(b), "李四") {
		t.Fatalf("personal data stored: %s", b)
	}
	es, err := Read(path)
	if err != nil || len(es) == 0 || len(es) > 10 {
		t.Fatalf("read %d entries (max 10): %v", len(es), err)
	}
	helpful := true
	f.Add(Entry{Kind: KindFeedback, AnswerID: "a1", Helpful: &helpful, Comment: strings.Repeat("长", 900) + " mail me at x@y.org"})
	es, _ = Read(path)
	last := es[len(es)-1]
	if len([]rune(last.Comment)) > MaxComment || strings.Contains(last.Comment, "x@y.org") {
		t.Fatalf("comment not bounded or not redacted: %d runes", len([]rune(last.Comment)))
	}
}

func TestGroupSimilar(t *testing.T) {
	var es []Entry
	for _, q := range []string{"干细胞能治痛风吗", "干细胞可以治痛风吗", "干细胞能不能治疗痛风", "银屑病能打干细胞吗", "stem cells for gout?"} {
		es = append(es, Entry{Kind: KindUnanswered, Question: q, Lang: "zh-Hans"})
	}
	gs := GroupSimilar(es, 0.3)
	if len(gs) < 2 || gs[0].Count != 3 || !strings.Contains(gs[0].Example, "痛风") {
		t.Fatalf("groups = %+v", gs)
	}
}
