package answer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"patientqa"
)

// A labelled understanding case (testdata/understand/*.yaml): what a careful nurse says of a
// message. Written blind: by people who never saw triage, the concept map or other sets.
type understandCase struct {
	ID         string   `yaml:"id"`
	Q          string   `yaml:"q"`
	History    []string `yaml:"history"`
	Urgency    string   `yaml:"urgency"`
	Scope      string   `yaml:"scope"` // in | out
	Region     string   `yaml:"region"`
	Conditions []string `yaml:"conditions"`
	Lang       string   `yaml:"lang"`
	Kind       string   `yaml:"kind"`
}

// understandSets records how each blind set was used, like labelledSets in package verify.
// The first measurement of a set, taken before its misses were read, is the honest figure for
// messages the engine has not seen; after that a set is a tuning set, and its figures here are
// regression floors, not results.
var understandSets = []struct {
	prefix string // file name prefix in testdata/understand
	use    string
	floors understandFigures
}{
	// Each set's first measurement, in order: emergency+crisis recall, crisis recall, false
	// emergency, urgent recall, offtopic refused, in-scope refused, region, conditions
	// (docs/understand/round<n>-set<X>-first-measurement.txt; README "How it is measured").
	// A, round 1: 0.644, 0.368, 0.027, 0.571, 0.732, 0.000, 0.981, 0.873
	{"a-", tuned(1), regression},
	// B, round 2: 0.743, 0.541, 0.037, 0.704, 0.636, 0.000, 0.981, 0.896
	{"b-", tuned(2), regression},
	// C, round 3: 0.698, 0.425, 0.049, 0.808, 0.750, 0.014, 0.967, 0.890
	{"c-", tuned(3), regression},
	// D, round 4: 0.766, 0.550, 0.045, 0.889, 0.807, 0.000, 0.982, 0.886
	{"d-", tuned(4), regression},
	// E, round 5: 0.731, 0.600, 0.036, 0.750, 0.758, 0.000, 0.964, 0.878
	{"e-", tuned(5), regression},
	// F, round 6: 0.879, 0.800, 0.027, 0.815, 0.737, 0.000, 0.961, 0.843
	{"f-", tuned(6), regression},
	// G, round 7: 0.844, 0.780, 0.014, 0.889, 0.831, 0.022, 0.958, 0.892
	{"g-", tuned(7), regression},
	// H, round 8: 0.850, 0.850, 0.049, 0.926, 0.782, 0.000, 0.964, 0.909
	{"h-", tuned(8), regression},
	// I, round 9: 0.888, 0.850, 0.031, 0.926, 0.754, 0.007, 0.967, 0.903
	{"i-", tuned(9), regression},
	// J, round 10: 0.943, 0.974, 0.009, 0.893, 0.772, 0.000, 0.979, 0.891
	{"j-", tuned(10), regression},
	// K, round 11: 0.879, 0.850, 0.036, 0.852, 0.707, 0.000, 0.948, 0.932
	{"k-", tuned(11), regression},
	// L, round 12: 0.907, 0.925, 0.014, 0.963, 0.750, 0.007, 0.930, 0.903
	{"l-", tuned(12), regression},
	// M, round 13: 0.908, 0.925, 0.009, 0.963, 0.849, 0.007, 0.955, 0.889
	{"m-", measured(13) + "; the last set of its session: then only the second net learned from it", understandFigures{
		emergencyRecall: 0.9, crisisRecall: 0.9, falseEmergency: 0.02, urgentRecall: 0.9, offTopicRefused: 0.8,
		inScopeRefused: 0.02, region: 0.93, conditions: 0.85}},
}

// regression are the floors of the sets tuned on: each has been read, its misses fixed by class
// and the second net trained on it, so its figures no longer predict new text.
var regression = understandFigures{emergencyRecall: 0.97, crisisRecall: 0.93, falseEmergency: 0.025,
	urgentRecall: 0.85, offTopicRefused: 0.8, inScopeRefused: 0.02, region: 0.93, conditions: 0.8}

// measured says how set n was written and used: blind, by four helpers who saw nothing of the
// code or the other sets, before round n; measured once after it.
func measured(round int) string {
	return fmt.Sprintf("written blind before round %d; first measured after round %d", round, round)
}

// tuned is measured, then tuned on in the next round.
func tuned(round int) string {
	return measured(round) + fmt.Sprintf("; its misses then tuned round %d, so these are regression floors", round+1)
}

// understandFigures are the measures reported for a set; a zero floor is not checked.
type understandFigures struct {
	emergencyRecall float64 // emergency or crisis labelled, routed as emergency or crisis
	crisisRecall    float64 // crisis labelled, answered as crisis
	falseEmergency  float64 // none or urgent labelled, routed as emergency or crisis (a ceiling)
	urgentRecall    float64 // urgent labelled, answered urgent or more
	offTopicRefused float64 // out of scope and not urgent, answered as offtopic
	inScopeRefused  float64 // in scope and not urgent, answered as offtopic (a ceiling)
	region          float64 // region named: recognised; region not named: none reported
	conditions      float64 // in-scope messages: the labelled conditions, exactly
}

func readUnderstandSet(t *testing.T, prefix string) []understandCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "triage", "testdata", "understand", prefix+"*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no set %s*: %v", prefix, err)
	}
	var all []understandCase
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Cases []understandCase `yaml:"cases"`
		}
		if err := yaml.Unmarshal(b, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		all = append(all, doc.Cases...)
	}
	return all
}

type measure struct {
	hit, n int
	misses []string
}

func (r *measure) add(ok bool, miss string) {
	r.n++
	if ok {
		r.hit++
	} else {
		r.misses = append(r.misses, miss)
	}
}

func (r measure) value() float64 {
	if r.n == 0 {
		return 0
	}
	return float64(r.hit) / float64(r.n)
}

func (r measure) String() string { return fmt.Sprintf("%.3f (%d/%d)", r.value(), r.hit, r.n) }

// measureUnderstanding answers every case and returns the figures with their misses.
func measureUnderstanding(t *testing.T, e *Engine, cases []understandCase) map[string]*measure {
	m := map[string]*measure{}
	for _, k := range []string{"emergency recall", "crisis recall", "false emergency", "urgent recall",
		"offtopic refused", "in-scope refused", "region", "conditions"} {
		m[k] = &measure{}
	}
	routed := func(u string) bool { return u == patientqa.UrgencyEmergency || u == patientqa.UrgencyCrisis }
	for _, c := range cases {
		a, err := e.Ask(context.Background(), patientqa.Question{Text: c.Q, History: c.History})
		if err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
		miss := func(got string) string {
			return fmt.Sprintf("%s [%s] got %s: %s", c.ID, c.Kind, got, c.Q)
		}
		urgent := c.Urgency != patientqa.UrgencyNone
		switch c.Urgency {
		case patientqa.UrgencyEmergency, patientqa.UrgencyCrisis:
			m["emergency recall"].add(routed(a.Urgency), miss(a.Urgency))
			if c.Urgency == patientqa.UrgencyCrisis {
				m["crisis recall"].add(a.Urgency == patientqa.UrgencyCrisis, miss(a.Urgency))
			}
		case patientqa.UrgencyUrgent, patientqa.UrgencyNone:
			m["false emergency"].add(!routed(a.Urgency), miss(a.Urgency))
			if c.Urgency == patientqa.UrgencyUrgent {
				m["urgent recall"].add(a.Urgency != patientqa.UrgencyNone, miss(a.Urgency))
			}
		default:
			t.Fatalf("%s: unknown urgency %q", c.ID, c.Urgency)
		}
		offtopic := a.Category == patientqa.CatOffTopic && a.Refused
		switch {
		case c.Scope == "out" && !urgent:
			m["offtopic refused"].add(offtopic, miss(string(a.Category)))
		case c.Scope == "in" && !urgent:
			m["in-scope refused"].add(!offtopic, miss(string(a.Category)))
		}
		want := c.Region
		if want == "unknown" {
			want = ""
		}
		m["region"].add(a.Region == want, miss(fmt.Sprintf("region %q, want %q", a.Region, want)))
		if c.Scope == "in" {
			got, exp := slices.Clone(a.Conditions), slices.Clone(c.Conditions)
			slices.Sort(got)
			slices.Sort(exp)
			m["conditions"].add(slices.Equal(got, exp), miss(fmt.Sprintf("conditions %v, want %v", got, exp)))
		}
	}
	return m
}

// TestUnderstandSets measures urgency, scope, region and conditions on the blind sets, prints
// the figures with every miss (go test ./answer -run TestUnderstandSets -v), and holds each
// tuned set to its floors.
func TestUnderstandSets(t *testing.T) {
	e := engine(t)
	for _, set := range understandSets {
		t.Run(strings.TrimSuffix(set.prefix, "-"), func(t *testing.T) {
			m := measureUnderstanding(t, e, readUnderstandSet(t, set.prefix))
			var b strings.Builder
			fmt.Fprintf(&b, "set %s*: %s\n", set.prefix, set.use)
			for _, k := range []string{"emergency recall", "crisis recall", "false emergency", "urgent recall",
				"offtopic refused", "in-scope refused", "region", "conditions"} {
				r := m[k]
				if k == "false emergency" || k == "in-scope refused" {
					fmt.Fprintf(&b, "  %-17s %.3f (%d/%d)\n", k, 1-r.value(), r.n-r.hit, r.n)
				} else {
					fmt.Fprintf(&b, "  %-17s %s\n", k, r)
				}
				for _, miss := range r.misses {
					fmt.Fprintf(&b, "      %s\n", miss)
				}
			}
			t.Log("\n" + b.String())
			f := set.floors
			check := func(name string, got, floor float64, ceiling bool) {
				if floor == 0 {
					return
				}
				if !ceiling && got < floor || ceiling && got > floor {
					t.Errorf("%s: %.3f, floor %.3f", name, got, floor)
				}
			}
			check("emergency recall", m["emergency recall"].value(), f.emergencyRecall, false)
			check("crisis recall", m["crisis recall"].value(), f.crisisRecall, false)
			check("false emergency", 1-m["false emergency"].value(), f.falseEmergency, true)
			check("urgent recall", m["urgent recall"].value(), f.urgentRecall, false)
			check("offtopic refused", m["offtopic refused"].value(), f.offTopicRefused, false)
			check("in-scope refused", 1-m["in-scope refused"].value(), f.inScopeRefused, true)
			check("region", m["region"].value(), f.region, false)
			check("conditions", m["conditions"].value(), f.conditions, false)
		})
	}
}
