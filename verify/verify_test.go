package verify

import (
	"strings"
	"testing"
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

// measure runs the verifier at a level on every case of a labelled file and returns its
// precision (the share of unsupported sentences dropped) and recall (the share of supported
// sentences kept), logging every miss with its case id.
func measure(t *testing.T, path string, level Level, minCases int) (precision, recall float64) {
	t.Helper()
	cases, err := LoadLabelled(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < minCases {
		t.Fatalf("%s: only %d labelled cases", path, len(cases))
	}
	var score Score
	for _, c := range cases {
		r := Prepare(c.Passages).WithLevel(level).Sentence(c.Sentence)
		score.Add(c.Supported, r.OK)
		switch {
		case c.Supported && !r.OK:
			t.Logf("supported but dropped %s (%s): %s — %s", c.ID, c.Kind, c.Sentence, r.Reason)
		case !c.Supported && r.OK:
			t.Logf("UNSUPPORTED BUT KEPT %s (%s): %s", c.ID, c.Kind, c.Sentence)
		}
	}
	if score.Supported == 0 || score.Unsupported == 0 {
		t.Fatalf("%s: %d supported and %d unsupported cases; need both", path, score.Supported, score.Unsupported)
	}
	t.Logf("%s at %s, %d cases: %s", path, level, len(cases), score)
	return score.Precision(), score.Recall()
}

// labelledSets are the hand-labelled sets of model-style sentences, how each was used, and
// regression floors a little below the figures measured when the checks last changed (the
// figures themselves are in the package doc). The goals are precision 0.98 and recall 0.8.
var labelledSets = []struct {
	file, use string
	min       int
	// floors: precision and recall at Standard, then at Strict
	stdP, stdR, strictP, strictR float64
}{
	{"labelled.yaml", "tuned on from the start", 200, 0.98, 0.8, 0.98, 0.45},
	{"heldout.yaml", "written before session 1's tuning; misses read in session 2", 80, 0.97, 0.88, 0.98, 0.68},
	{"heldout2.yaml", "written before session 2's alignment checks; misses read in session 3", 100, 0.95, 0.77, 0.97, 0.57},
	{"heldout3.yaml", "written before session 2's third round; misses read in session 3", 100, 0.93, 0.88, 0.98, 0.6},
	{"heldout4.yaml", "written in session 3 before its changes; misses read in session 3", 150, 0.92, 0.79, 0.98, 0.62},
	{"heldout5.yaml", "written in session 3 before its changes; measured once (0.883/0.724 standard, 0.915/0.539 strict), then its misses read", 150, 0.95, 0.71, 0.97, 0.5},
	{"heldout6.yaml", "written in session 3 after the heldout5 round began, from 93 documents; measured once (0.859/0.827 standard, 0.929/0.704 strict), then its misses read", 150, 0.85, 0.8, 0.92, 0.67},
	{"heldout7.yaml", "written in session 3 after the heldout6 round began, from 85 documents; measured once (0.800/0.656 standard, 0.882/0.522 strict), then its misses read", 180, 0.82, 0.63, 0.9, 0.5},
	{"heldout8.yaml", "written in session 3 after the heldout7 round began, from all 96 documents; measured once, never tuned on", 180, 0.77, 0.8, 0.84, 0.68},
}

// TestLabelledSets measures the verifier on every labelled set at both levels and fails below
// the floors.
//
//	go test ./verify -run TestLabelledSets -v
func TestLabelledSets(t *testing.T) {
	for _, set := range labelledSets {
		t.Run(strings.TrimSuffix(set.file, ".yaml"), func(t *testing.T) {
			t.Logf("%s: %s", set.file, set.use)
			path := "testdata/" + set.file
			if p, r := measure(t, path, Standard, set.min); p < set.stdP || r < set.stdR {
				t.Errorf("standard: precision %.3f (floor %.2f), recall %.3f (floor %.2f)", p, set.stdP, r, set.stdR)
			}
			if p, r := measure(t, path, Strict, set.min); p < set.strictP || r < set.strictR {
				t.Errorf("strict: precision %.3f (floor %.2f), recall %.3f (floor %.2f)", p, set.strictP, r, set.strictR)
			}
		})
	}
}

func BenchmarkSentence(b *testing.B) {
	for _, level := range []Level{Standard, Strict} {
		b.Run(level.String(), func(b *testing.B) {
			p := Prepare(bami).WithLevel(level)
			b.ReportAllocs()
			for b.Loop() {
				p.Sentence("BAMI试验中，375名患者的2年死亡率分别为3.26%和3.82%，没有明显差异[1]。")
			}
		})
	}
}
