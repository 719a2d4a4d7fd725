package verify

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

var bami = map[int]string{
	1: "BAMI试验把375名心梗后心功能下降的患者随机分为两组：185人冠脉内输注自体骨髓单个核细胞，190人接受标准治疗。2年内分别有6人和7人死亡（3.26%对3.82%），没有明显差异。",
	2: "NurOwn三期试验约有200名渐冻症患者参加，主要终点和次要终点都没有达到统计学显著。",
}

func TestSentence(t *testing.T) {
	tests := []struct {
		s      string
		ok     bool
		reason string
	}{
		{"BAMI试验中，375名患者的2年死亡率分别为3.26%和3.82%，没有明显差异[1]。", true, ""},
		{"NurOwn三期试验的主要终点没有达到统计学显著[2]。", true, ""},
		{"BAMI试验中，357名患者的2年死亡率没有明显差异[1]。", false, "number 357"},
		{"BAMI试验中，骨髓细胞组的2年死亡率有明显差异[1]。", false, "negation"},
		{"NurOwn三期试验的主要终点没有达到统计学显著[1]。", false, "NurOwn"},
		{"BAMI试验的患者大多来自北方城市并且年龄偏大[1]。", false, "content"},
		{"TREASURE试验的2年死亡率没有明显差异[1]。", false, "TREASURE"},
		{"BAMI试验的死亡率没有明显差异。", false, "no passage"},
		{"BAMI试验的死亡率没有明显差异[3]。", false, "not given"},
		{"干细胞可以根治渐冻症[2]。", false, "promises"},
		// alignment: decisive words, spelled-out numbers, groups, classifiers
		{"BAMI试验中，所有患者的2年死亡率都没有明显差异[1]。", false, "所有"},
		{"BAMI试验把375名患者随机分为三组[1]。", false, "3"},
		{"BAMI试验中，标准治疗组有6人死亡[1]。", false, "not 6"},
		{"BAMI试验中，375个患者的2年死亡率没有明显差异[1]。", false, "375个"},
		{"NurOwn三期试验约有200名渐冻症患者参加，主要终点达到了统计学显著[2]。", false, "negation"},
	}
	for _, tt := range tests {
		r := Sentence(tt.s, bami)
		if r.OK != tt.ok || !tt.ok && !strings.Contains(r.Reason, tt.reason) && !(tt.reason == "content" && strings.Contains(r.Reason, "content")) {
			t.Errorf("Sentence(%q) = %v %q, want %v (%s)", tt.s, r.OK, r.Reason, tt.ok, tt.reason)
		}
	}
}

// labelledCase is one hand-labelled sentence of testdata/labelled.yaml or heldout.yaml.
type labelledCase struct {
	ID        string         `yaml:"id"`
	Passages  map[int]string `yaml:"passages"`
	Sentence  string         `yaml:"sentence"`
	Supported bool           `yaml:"supported"`
	Kind      string         `yaml:"kind"`
}

// measure runs the verifier on every case of a labelled file and returns its precision (the
// share of unsupported sentences dropped) and recall (the share of supported sentences kept),
// logging every miss with its case id (the id field, or #index in the file when it has none).
func measure(t *testing.T, path string, minCases int) (precision, recall float64) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		Cases []labelledCase `yaml:"cases"`
	}
	if err := yaml.Unmarshal(b, &set); err != nil {
		t.Fatal(err)
	}
	if len(set.Cases) < minCases {
		t.Fatalf("%s: only %d labelled cases", path, len(set.Cases))
	}
	var caught, unsupported, kept, supported int
	for i, c := range set.Cases {
		id := c.ID
		if id == "" {
			id = fmt.Sprintf("#%d", i)
		}
		r := Sentence(c.Sentence, c.Passages)
		if c.Supported {
			supported++
			if r.OK {
				kept++
			} else {
				t.Logf("supported but dropped %s (%s): %s — %s", id, c.Kind, c.Sentence, r.Reason)
			}
		} else {
			unsupported++
			if !r.OK {
				caught++
			} else {
				t.Logf("UNSUPPORTED BUT KEPT %s (%s): %s", id, c.Kind, c.Sentence)
			}
		}
	}
	if supported == 0 || unsupported == 0 {
		t.Fatalf("%s: %d supported and %d unsupported cases; need both", path, supported, unsupported)
	}
	precision = float64(caught) / float64(unsupported)
	recall = float64(kept) / float64(supported)
	t.Logf("%s, %d cases: precision (unsupported caught) %.3f (%d/%d), recall (supported kept) %.3f (%d/%d)",
		path, len(set.Cases), precision, caught, unsupported, recall, kept, supported)
	return precision, recall
}

// TestLabelled measures the verifier on the hand-labelled model-style sentences it was tuned
// on (in-sample). The goals are precision 0.98 and recall 0.8 (measured: 1.000 and 0.833); the
// test fails below a regression floor of 0.98 and 0.8, and logs every miss.
//
//	go test ./verify -run TestLabelled -v
func TestLabelled(t *testing.T) {
	precision, recall := measure(t, "testdata/labelled.yaml", 200)
	if precision < 0.98 || recall < 0.8 {
		t.Errorf("precision %.3f (floor 0.98, goal 0.98), recall %.3f (floor 0.8)", precision, recall)
	}
}

// TestHeldout measures the verifier on hand-labelled sentences that were written before the
// earlier tuning (testdata/heldout.yaml). Its misses were looked at while the alignment checks
// were built (branch verifier2), so it is no longer held out (measured: precision 0.978,
// recall 0.920; 0.817 and 0.907 before those checks). The floors are regression guards below
// the measured figures, not the figures themselves.
//
//	go test ./verify -run 'TestHeldout$' -v
func TestHeldout(t *testing.T) {
	precision, recall := measure(t, "testdata/heldout.yaml", 80)
	if precision < 0.95 || recall < 0.85 {
		t.Errorf("held-out precision %.3f (floor 0.95), recall %.3f (floor 0.85)", precision, recall)
	}
}

// TestHeldout2 measures the verifier on a second held-out set (testdata/heldout2.yaml), written
// in full before the alignment checks and never used for tuning: only its aggregate figures
// were looked at while the checks changed. Measured before them: precision 0.756, recall
// 0.835; after: 0.927 and 0.772 — the honest figure, short of the goals (0.98 and 0.8). The
// floors are regression guards below the measured figures.
//
//	go test ./verify -run TestHeldout2 -v
func TestHeldout2(t *testing.T) {
	precision, recall := measure(t, "testdata/heldout2.yaml", 100)
	if precision < 0.9 || recall < 0.74 {
		t.Errorf("held-out 2 precision %.3f (floor 0.9), recall %.3f (floor 0.74)", precision, recall)
	}
}

func BenchmarkSentence(b *testing.B) {
	p := Prepare(bami)
	b.ReportAllocs()
	for b.Loop() {
		p.Sentence("BAMI试验中，375名患者的2年死亡率分别为3.26%和3.82%，没有明显差异[1]。")
	}
}

// TestHeldout3 measures the verifier on a third held-out set (testdata/heldout3.yaml), written
// in full before the verifier3 changes from documents the other sets use little, and never
// used for tuning: only its aggregate figures are looked at while the checks change.
// Measured before those changes: precision 0.815 (66/81), recall 0.920 (46/50). The floors are regression
// guards below the measured figures.
//
//	go test ./verify -run TestHeldout3 -v
func TestHeldout3(t *testing.T) {
	precision, recall := measure(t, "testdata/heldout3.yaml", 100)
	if precision < 0.78 || recall < 0.88 {
		t.Errorf("held-out 3 precision %.3f (floor 0.78), recall %.3f (floor 0.88)", precision, recall)
	}
}
