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
	// First measurement (round 1, 2026-12-08): emergency+crisis recall 0.644, crisis 0.368,
	// false emergency 0.027, urgent 0.571, offtopic refused 0.732, in-scope refused 0.000,
	// region 0.981, conditions 0.873 (docs/understand/round1-setA-first-measurement.txt).
	{"a-", "written blind (4 writers, 320 messages) before round 1; first measured after round 1; " +
		"its misses then tuned round 2, so these are regression floors",
		understandFigures{emergencyRecall: 0.98, crisisRecall: 0.97, falseEmergency: 0.02, urgentRecall: 0.9,
			offTopicRefused: 0.95, inScopeRefused: 0.02, region: 0.98, conditions: 0.9}},
	// First measurement (round 2): emergency+crisis recall 0.743, crisis 0.541, false emergency
	// 0.037, urgent 0.704, offtopic refused 0.636, in-scope refused 0.000, region 0.981,
	// conditions 0.896 (docs/understand/round2-setB-first-measurement.txt).
	{"b-", "written blind (4 other writers, 320 messages) before round 1; first measured after round 2; " +
		"its misses then tuned round 3, so these are regression floors",
		understandFigures{emergencyRecall: 0.98, crisisRecall: 0.95, falseEmergency: 0.02, urgentRecall: 0.9,
			offTopicRefused: 0.95, inScopeRefused: 0.02, region: 0.98, conditions: 0.9}},
	// First measurement (round 3): emergency+crisis recall 0.698, crisis 0.425, false emergency
	// 0.049, urgent 0.808, offtopic refused 0.750, in-scope refused 0.014, region 0.967,
	// conditions 0.890 (docs/understand/round3-setC-first-measurement.txt).
	{"c-", "written blind (4 other writers, 330 messages) after round 2, before round 3; first measured " +
		"after round 3; its misses then tuned round 4, so these are regression floors",
		understandFigures{emergencyRecall: 0.97, crisisRecall: 0.95, falseEmergency: 0.02, urgentRecall: 0.9,
			offTopicRefused: 0.9, inScopeRefused: 0.02, region: 0.97, conditions: 0.85}},
	// First measurement (round 4): emergency+crisis recall 0.766, crisis 0.550, false emergency
	// 0.045, urgent 0.889, offtopic refused 0.807, in-scope refused 0.000, region 0.982,
	// conditions 0.886 (docs/understand/round4-setD-first-measurement.txt).
	{"d-", "written blind (4 other writers, 330 messages) after round 3, before round 4; first measured " +
		"after round 4; its misses then tuned round 5 (and the second net learns from it), so these are " +
		"regression floors", understandFigures{emergencyRecall: 0.97, crisisRecall: 0.95, falseEmergency: 0.02,
		urgentRecall: 0.9, offTopicRefused: 0.9, inScopeRefused: 0.02, region: 0.97, conditions: 0.85}},
	// First measurement (round 5): emergency+crisis recall 0.731, crisis 0.600, false emergency
	// 0.036, urgent 0.750, offtopic refused 0.758, in-scope refused 0.000, region 0.964,
	// conditions 0.878 (docs/understand/round5-setE-first-measurement.txt).
	{"e-", "written blind (4 other writers, 330 messages) after round 4, before round 5; first measured " +
		"after round 5; its misses then tuned round 6 (and the second net learns from it), so these are " +
		"regression floors", understandFigures{emergencyRecall: 0.97, crisisRecall: 0.95, falseEmergency: 0.02,
		urgentRecall: 0.85, offTopicRefused: 0.85, inScopeRefused: 0.02, region: 0.95, conditions: 0.85}},
	// First measurement (round 6): emergency+crisis recall 0.879, crisis 0.800, false emergency
	// 0.027, urgent 0.815, offtopic refused 0.737, in-scope refused 0.000, region 0.961,
	// conditions 0.843 (docs/understand/round6-setF-first-measurement.txt).
	{"f-", "written blind (4 other writers, 330 messages) after round 5, before round 6; first measured " +
		"after round 6; its misses then tuned round 7 (and the second net learns from it), so these are " +
		"regression floors", understandFigures{emergencyRecall: 0.97, crisisRecall: 0.95, falseEmergency: 0.025,
		urgentRecall: 0.85, offTopicRefused: 0.85, inScopeRefused: 0.02, region: 0.95, conditions: 0.8}},
	// First measurement (round 7): emergency+crisis recall 0.844, crisis 0.780, false emergency
	// 0.014, urgent 0.889, offtopic refused 0.831, in-scope refused 0.022, region 0.958,
	// conditions 0.892 (docs/understand/round7-setG-first-measurement.txt).
	{"g-", "written blind (4 other writers, 330 messages) after round 6, before round 7; first measured " +
		"after round 7; its misses then tuned round 8 (and the second net learns from it), so these are " +
		"regression floors", understandFigures{emergencyRecall: 0.97, crisisRecall: 0.93, falseEmergency: 0.02,
		urgentRecall: 0.85, offTopicRefused: 0.9, inScopeRefused: 0.02, region: 0.95, conditions: 0.85}},
	// First measurement (round 8): emergency+crisis recall 0.850, crisis 0.850, false emergency
	// 0.049, urgent 0.926, offtopic refused 0.782, in-scope refused 0.000, region 0.964,
	// conditions 0.909 (docs/understand/round8-setH-first-measurement.txt).
	{"h-", "written blind (4 other writers, 330 messages) after round 7, before round 8; first measured " +
		"after round 8; its misses then tuned round 9 (and the second net learns from it), so these are " +
		"regression floors", understandFigures{emergencyRecall: 0.97, crisisRecall: 0.93, falseEmergency: 0.025,
		urgentRecall: 0.9, offTopicRefused: 0.9, inScopeRefused: 0.02, region: 0.95, conditions: 0.88}},
	// First measurement (round 9): emergency+crisis recall 0.888, crisis 0.850, false emergency
	// 0.031, urgent 0.926, offtopic refused 0.754, in-scope refused 0.007, region 0.967,
	// conditions 0.903 (docs/understand/round9-setI-first-measurement.txt).
	{"i-", "written blind (4 other writers, 330 messages) after round 8, before round 9; first measured " +
		"after round 9; its misses then tuned round 10 (and the second net learns from it), so these are " +
		"regression floors", understandFigures{emergencyRecall: 0.97, crisisRecall: 0.95, falseEmergency: 0.02,
		urgentRecall: 0.9, offTopicRefused: 0.85, inScopeRefused: 0.02, region: 0.95, conditions: 0.85}},
	// First measurement (round 10): emergency+crisis recall 0.943, crisis 0.974, false emergency
	// 0.009, urgent 0.893, offtopic refused 0.772, in-scope refused 0.000, region 0.979,
	// conditions 0.891 (docs/understand/round10-setJ-first-measurement.txt).
	{"j-", "written blind (4 other writers, 330 messages) after round 9, before round 10; first measured " +
		"after round 10; its misses then tuned round 11 (and the second net learns from it), so these are " +
		"regression floors", understandFigures{emergencyRecall: 0.97, crisisRecall: 0.95, falseEmergency: 0.02,
		urgentRecall: 0.9, offTopicRefused: 0.85, inScopeRefused: 0.02, region: 0.95, conditions: 0.85}},
	// First measurement (round 11): emergency+crisis recall 0.879, crisis 0.850, false emergency
	// 0.036, urgent 0.852, offtopic refused 0.707, in-scope refused 0.000, region 0.948,
	// conditions 0.932 (docs/understand/round11-setK-first-measurement.txt).
	{"k-", "written blind (4 other writers, 330 messages) after round 10, before round 11; first measured " +
		"after round 11; its misses then tuned round 12 (and the second net learns from it), so these are " +
		"regression floors", understandFigures{emergencyRecall: 0.97, crisisRecall: 0.95, falseEmergency: 0.025,
		urgentRecall: 0.9, offTopicRefused: 0.8, inScopeRefused: 0.02, region: 0.95, conditions: 0.85}},
	// First measurement (round 12): emergency+crisis recall 0.907, crisis 0.925, false emergency
	// 0.014, urgent 0.963, offtopic refused 0.750, in-scope refused 0.007, region 0.930,
	// conditions 0.903 (docs/understand/round12-setL-first-measurement.txt).
	{"l-", "written blind (4 other writers, 330 messages) after round 11, before round 12; first measured " +
		"after round 12; its misses then tuned round 13 (and the second net learns from it), so these are " +
		"regression floors", understandFigures{emergencyRecall: 0.97, crisisRecall: 0.95, falseEmergency: 0.02,
		urgentRecall: 0.9, offTopicRefused: 0.8, inScopeRefused: 0.02, region: 0.95, conditions: 0.85}},
	// First measurement (round 13, the last of its session): emergency+crisis recall 0.908, crisis
	// 0.925, false emergency 0.009, urgent 0.963, offtopic refused 0.849, in-scope refused 0.007,
	// region 0.955, conditions 0.889 (docs/understand/round13-setM-first-measurement.txt). Only the
	// second net has learned from it since (the rules are untouched): the next round may tune on
	// it, and needs a new blind set.
	{"m-", "written blind (4 other writers, 330 messages) after round 12, before round 13; first measured " +
		"after round 13; then only the second net learned from it", understandFigures{emergencyRecall: 0.9,
		crisisRecall: 0.9, falseEmergency: 0.02, urgentRecall: 0.9, offTopicRefused: 0.8, inScopeRefused: 0.02,
		region: 0.93, conditions: 0.85}},
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
