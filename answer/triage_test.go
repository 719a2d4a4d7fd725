package answer

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"patientqa"
)

// TestTriageLabelled runs the hand-labelled questions of triage/testdata through the whole
// engine (triage decides emergency/personal/provider/guarantee/injection; retrieval decides
// answer/uncovered/offtopic) and reports per-category precision and recall. It fails below
// 0.95 recall for emergencies and below 0.9 for every other figure.
//
//	go test ./answer -run TestTriageLabelled -v
func TestTriageLabelled(t *testing.T) {
	b, err := os.ReadFile("../triage/testdata/questions.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		Questions []struct {
			Q        string             `yaml:"q"`
			Category patientqa.Category `yaml:"category"`
		} `yaml:"questions"`
	}
	if err := yaml.Unmarshal(b, &set); err != nil {
		t.Fatal(err)
	}
	if len(set.Questions) < 300 {
		t.Fatalf("only %d labelled questions", len(set.Questions))
	}
	e := engine(t)
	type pair struct{ want, got patientqa.Category }
	confusion := map[pair][]string{}
	tp, fp, fn := map[patientqa.Category]int{}, map[patientqa.Category]int{}, map[patientqa.Category]int{}
	for _, q := range set.Questions {
		if !slices.Contains(patientqa.Categories, q.Category) {
			t.Fatalf("unknown label %q for %q", q.Category, q.Q)
		}
		a, err := e.Ask(context.Background(), patientqa.Question{Text: q.Q})
		if err != nil {
			t.Fatalf("%q: %v", q.Q, err)
		}
		if a.Category == q.Category {
			tp[q.Category]++
			continue
		}
		fn[q.Category]++
		fp[a.Category]++
		confusion[pair{q.Category, a.Category}] = append(confusion[pair{q.Category, a.Category}], q.Q)
	}
	var report strings.Builder
	fmt.Fprintf(&report, "%-10s %9s %9s %6s\n", "category", "precision", "recall", "n")
	for _, c := range patientqa.Categories {
		p := ratio(tp[c], tp[c]+fp[c])
		r := ratio(tp[c], tp[c]+fn[c])
		fmt.Fprintf(&report, "%-10s %9.3f %9.3f %6d\n", c, p, r, tp[c]+fn[c])
		minR, minP := 0.9, 0.9
		if c == patientqa.CatEmergency {
			minR = 0.95
		}
		if r < minR || p < minP {
			t.Errorf("%s: precision %.3f recall %.3f (want >= %.2f / %.2f)", c, p, r, minP, minR)
		}
	}
	var pairs []pair
	for k := range confusion {
		pairs = append(pairs, k)
	}
	sort.Slice(pairs, func(i, j int) bool { return len(confusion[pairs[i]]) > len(confusion[pairs[j]]) })
	fmt.Fprintln(&report, "\nconfusions (labelled -> answered):")
	for _, k := range pairs {
		fmt.Fprintf(&report, "  %s -> %s: %d\n", k.want, k.got, len(confusion[k]))
		for _, q := range confusion[k] {
			fmt.Fprintf(&report, "      %s\n", q)
		}
	}
	t.Log("\n" + report.String())
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}
