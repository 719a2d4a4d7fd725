package triage

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"patientqa/normalize"
)

// LoadLabelledSets reads the labelled blind sets of dir (testdata/understand): files named
// <set>-<part>.yaml with `cases` of q, history and urgency. Sets come in name order.
func LoadLabelledSets(dir string) ([]LabelledSet, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*-*.yaml"))
	if err != nil {
		return nil, err
	}
	var sets []LabelledSet
	for _, f := range files {
		name, _, _ := strings.Cut(filepath.Base(f), "-")
		var doc struct {
			Cases []struct {
				Q       string `yaml:"q"`
				Urgency string `yaml:"urgency"`
			} `yaml:"cases"`
		}
		if err := readYAML(f, &doc); err != nil {
			return nil, err
		}
		i := slices.IndexFunc(sets, func(s LabelledSet) bool { return s.Name == name })
		if i < 0 {
			sets = append(sets, LabelledSet{Name: name})
			i = len(sets) - 1
		}
		for _, c := range doc.Cases {
			sets[i].Examples = append(sets[i].Examples, Example{Folded: normalize.Fold(c.Q), Urgency: c.Urgency})
		}
	}
	slices.SortFunc(sets, func(a, b LabelledSet) int { return strings.Compare(a.Name, b.Name) })
	return sets, nil
}

// LoadTriageQuestions reads testdata/questions.yaml (questions labelled with the category that
// must lead) as examples for the danger net: emergency or not.
func LoadTriageQuestions(path string) ([]Example, error) {
	var doc struct {
		Questions []struct {
			Q        string `yaml:"q"`
			Category string `yaml:"category"`
		} `yaml:"questions"`
	}
	if err := readYAML(path, &doc); err != nil {
		return nil, err
	}
	var out []Example
	for _, q := range doc.Questions {
		u := "none"
		if q.Category == "emergency" {
			u = "emergency"
		}
		out = append(out, Example{Folded: normalize.Fold(q.Q), Urgency: u, DangerOnly: true})
	}
	return out, nil
}

func readYAML(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
